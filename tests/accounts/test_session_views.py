def test_signup_page_offers_villages_grouped_by_township(client):
    page = client.get("/signup")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<optgroup label="东溪镇">' in html and "东岙村" in html


def test_choosing_a_village_loads_its_groups_as_a_fragment(client, app):
    from webapp.regions.queries import region_by_code

    village = region_by_code("QS-DX-DA")
    fragment = client.get(f"/signup/groups?village={village.id}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200
    assert html.lstrip().startswith('<div id="group-field">')
    assert "第一村民小组" in html and "<html" not in html
    assert "HX-Request" in fragment.headers["Vary"]
