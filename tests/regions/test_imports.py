"""CSV imports through the flask commands: whole files or nothing, bad rows named in Chinese."""
from sqlalchemy import func, select

from webapp.accounts.models import Household, Resident, User
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.regions.queries import region_by_code


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def run_import(app, tmp_path, kind, text, encoding="utf-8"):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(text.encode(encoding))
    return app.test_cli_runner().invoke(args=["import", kind, str(path)])


GOOD_REGIONS = """code,name,level,parent_code
QS-HS-BY,白云村,村,QS-HS
QS-HS,黄沙镇,乡镇,QS
QS-HS-BY-G1,第一组,组,QS-HS-BY
QS-HS-BY-W1,第一网格,网格,QS-HS-BY
"""


def test_a_good_region_file_imports_whole_in_parent_order(app, tmp_path):
    result = run_import(app, tmp_path, "regions", GOOD_REGIONS)
    assert result.exit_code == 0, result.stderr
    assert "导入成功" in result.output
    village = region_by_code("QS-HS-BY")
    assert village.parent.code == "QS-HS" and region_by_code("QS").contains(village)
    assert region_by_code("QS-HS-BY-W1").level == "grid"


def test_a_gb18030_file_from_excel_imports(app, tmp_path):
    result = run_import(app, tmp_path, "regions", GOOD_REGIONS, encoding="gb18030")
    assert result.exit_code == 0, result.stderr
    assert region_by_code("QS-HS").name == "黄沙镇"


def test_a_region_file_with_bad_rows_imports_nothing_and_names_each_row(app, tmp_path):
    before = count(Region)
    result = run_import(app, tmp_path, "regions", GOOD_REGIONS + (
        "QS-HS,重复镇,乡镇,QS\n"          # line 6: duplicate code
        "QS-X1,某村,村,NOPE\n"            # line 7: unknown parent
        "QS-X2,某某,城堡,QS\n"            # line 8: unknown level
        "QS-X3,某组,组,QS\n"              # line 9: a group directly under the county
    ))
    assert result.exit_code == 1
    assert "没有写入任何数据" in result.stderr
    for line in ("第 6 行", "第 7 行", "第 8 行", "第 9 行"):
        assert line in result.stderr
    assert "代码 QS-HS 重复" in result.stderr and "上级代码 NOPE 不存在" in result.stderr
    assert count(Region) == before


def test_a_file_without_the_right_header_is_refused(app, tmp_path):
    result = run_import(app, tmp_path, "regions", "编号,名字\n1,2\n")
    assert result.exit_code == 1 and "表头缺少这些列" in result.stderr


HOUSEHOLDS = """household_code,village_code,group_code,grid_code,address,name,relation,phone,id_last4
DA-100,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,后山路20号,蒋大伯,户主,13700000001,1234
DA-100,QS-DX-DA,QS-DX-DA-G2,QS-DX-DA-W2,后山路20号,蒋大妈,配偶,,2345
DA-101,QS-DX-DA,QS-DX-DA-G1,,前岸路30号,韩小妹,户主,,
"""


def test_households_import_with_their_members(app, tmp_path):
    result = run_import(app, tmp_path, "households", HOUSEHOLDS)
    assert result.exit_code == 0, result.stderr
    household = db.session.scalar(select(Household).where(Household.code == "DA-100"))
    assert sorted(r.name for r in household.residents) == ["蒋大伯", "蒋大妈"]
    assert household.grid.code == "QS-DX-DA-W2"


def test_bad_household_rows_import_nothing(app, tmp_path):
    before = (count(Household), count(Resident))
    result = run_import(app, tmp_path, "households", HOUSEHOLDS + (
        "DA-102,QS-DX-DA,QS-DX-XL-G1,,x,甲,户主,,\n"       # a group of another village
        "DA-103,QS-DX-DA,QS-DX-DA-G1,,x,乙,户主,12345,\n"   # bad phone
        "DA-001,QS-DX-DA,QS-DX-DA-G1,,x,丙,户主,,\n"        # household already registered
        "DA-100,QS-DX-DA,QS-DX-DA-G1,QS-DX-DA-W2,后山路20号,丁,子女,,\n"  # same code, other group
    ))
    assert result.exit_code == 1
    for line in ("第 5 行", "第 6 行", "第 7 行", "第 8 行"):
        assert line in result.stderr
    assert (count(Household), count(Resident)) == before


def test_people_import_creates_accounts_grants_roles_and_writes_passwords(app, tmp_path):
    assert run_import(app, tmp_path, "households", HOUSEHOLDS).exit_code == 0
    result = run_import(app, tmp_path, "people", (
        "phone,name,village_code,group_code,role,role_region_code,title,household_code\n"
        "13700000001,蒋大伯,QS-DX-DA,QS-DX-DA-G2,group_leader,QS-DX-DA-G2,组长,DA-100\n"
        "13700000002,蒋大妈,QS-DX-DA,QS-DX-DA-G2,,,,\n"))
    assert result.exit_code == 0, result.stderr
    leader = db.session.scalar(select(User).where(User.phone == "13700000001"))
    assert leader.is_verified and leader.memberships[0].role == "group_leader"
    passwords = (tmp_path / "people.csv.passwords.csv").read_text()
    assert "13700000001,蒋大伯," in passwords and "13700000002,蒋大妈," in passwords


def test_bad_people_rows_import_nothing(app, tmp_path):
    before = count(User)
    result = run_import(app, tmp_path, "people", (
        "phone,name,village_code,group_code,role,role_region_code,title,household_code\n"
        "13700000009,好人,QS-DX-DA,QS-DX-DA-G1,,,,\n"
        "13800000005,冒名,QS-DX-DA,QS-DX-DA-G1,,,,\n"            # phone registered to 王大山
        "13700000008,某人,QS-DX-DA,QS-DX-DA-G1,king,QS-DX-DA,,\n"  # unknown role
        "13700000007,某人,QS-DX-DA,QS-DX-DA-G1,grid_worker,QS-DX-DA,,\n"  # grid role on a village
        "13700000006,某人,QS-DX-DA,QS-DX-DA-G1,,,,DA-001\n"       # not in that household
    ))
    assert result.exit_code == 1
    for line in ("第 3 行", "第 4 行", "第 5 行", "第 6 行"):
        assert line in result.stderr
    assert "第 2 行" not in result.stderr
    assert count(User) == before


def test_demo_refuses_to_load_over_existing_data(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "--if-empty"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 1
