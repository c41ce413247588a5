from bench import county, points_report
from bench.postgres import postgres_url
with postgres_url() as url:
    points_report.run(county.run(url, label="postgresql"), "postgresql")
