from programs.path_picture import Spot, spots, summary


def phase(number, first, last, done=(), today=None):
    return {
        "number": number,
        "days": [
            {"number": day, "done": 1 if day in done else 0, "is_today": day == today}
            for day in range(first, last + 1)
        ],
    }


def test_each_day_is_behind_today_or_ahead_and_a_missed_day_looks_like_any_day_behind():
    path = spots([phase(1, 1, 3, done={1}), phase(2, 4, 5, today=4)], today_day=4)
    assert path == [
        Spot(1, "behind", True, 1, True),
        Spot(2, "behind", False, 1, False),
        Spot(3, "behind", False, 1, False),
        Spot(4, "today", False, 2, True),
        Spot(5, "ahead", False, 2, False),
    ]
    assert summary(path) == {"total": 5, "ahead": 1, "done": 1}


def test_before_the_start_every_day_is_ahead_and_an_open_ended_phase_adds_none():
    path = spots([phase(1, 1, 2), {"number": 2, "days": []}], today_day=0)
    assert [spot.state for spot in path] == ["ahead", "ahead"]
