from tests.page_weight import first_load_kb, main_pages
from tests.perf.conftest import bench


def test_page_weight(client, couple_in_the_program, alex):
    pages = main_pages(couple_in_the_program)
    weights = {url: first_load_kb(client, url) for url in pages["visitor"]}
    client.force_login(alex)
    weights |= {url: first_load_kb(client, url) for url in pages["alex"]}

    heaviest = max(weights, key=weights.get)
    bench("page_weight_max_kb", weights[heaviest], f"KB ({heaviest})")
