from tests.page_weight import first_load_kb, main_pages

LIMIT_KB = 60


def test_every_main_page_ships_at_most_60_kb_compressed(client, couple_in_the_program, alex):
    pages = main_pages(couple_in_the_program)
    weights = {url: first_load_kb(client, url) for url in pages["visitor"]}
    client.force_login(alex)
    weights |= {url: first_load_kb(client, url) for url in pages["alex"]}

    assert {url: kb for url, kb in weights.items() if kb > LIMIT_KB} == {}
