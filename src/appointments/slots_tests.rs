use jiff::civil::date;

use super::*;

fn denver() -> TimeZone {
    TimeZone::get("America/Denver").unwrap()
}

fn at(s: &str) -> i64 {
    s.parse::<Timestamp>().unwrap().as_second()
}

fn local(day: Date, hh: i8, mm: i8) -> i64 {
    day.at(hh, mm, 0, 0)
        .to_zoned(denver())
        .unwrap()
        .timestamp()
        .as_second()
}

fn hours(navigator_id: i64, site_id: i64, weekday: i8, from: i64, to: i64) -> Hours {
    Hours {
        navigator_id,
        site_id,
        weekday,
        start_minute: from,
        end_minute: to,
    }
}

fn site(id: i64, name: &str, location: Option<(f64, f64)>, area_id: Option<i64>) -> Site {
    Site {
        id,
        name: name.into(),
        address: format!("{id} Main St"),
        accessibility: String::new(),
        location,
        area_id,
        slot_minutes: 30,
    }
}

/// One site, one navigator, the given hours.
fn one_site(hours: Vec<Hours>) -> Schedule {
    Schedule {
        sites: vec![site(1, "Central Library", None, None)],
        hours,
        ..Schedule::default()
    }
}

fn starts(slots: &[Slot]) -> Vec<i64> {
    slots.iter().map(|s| s.starts_at).collect()
}

#[test]
fn slots_fill_the_hours_and_stop_before_a_partial_one() {
    // Monday 2026-01-05, 09:00-10:45 with 30-minute slots: 09:00, 09:30, 10:00 (10:30 would
    // end after closing).
    let day = date(2026, 1, 5);
    let got = day_slots(&denver(), day, &hours(1, 1, 1, 540, 645), 30);
    assert_eq!(
        got,
        vec![
            (local(day, 9, 0), local(day, 9, 30)),
            (local(day, 9, 30), local(day, 10, 0)),
            (local(day, 10, 0), local(day, 10, 30)),
        ]
    );
    // Hours until midnight end at the next day's first instant.
    let late = day_slots(&denver(), day, &hours(1, 1, 1, 1410, 1440), 30);
    assert_eq!(
        late,
        vec![(local(day, 23, 30), local(date(2026, 1, 6), 0, 0))]
    );
}

#[test]
fn the_hour_skipped_in_march_gives_no_slots() {
    // Sunday 2026-03-08 in Denver: 02:00 jumps to 03:00.
    let day = date(2026, 3, 8);
    let got = day_slots(&denver(), day, &hours(1, 1, 7, 60, 240), 30);
    assert_eq!(
        got.iter().map(|s| s.0).collect::<Vec<_>>(),
        vec![
            at("2026-03-08T08:00:00Z"), // 01:00 MST
            at("2026-03-08T08:30:00Z"), // 01:30 MST
            at("2026-03-08T09:00:00Z"), // 03:00 MDT
            at("2026-03-08T09:30:00Z"), // 03:30 MDT
        ]
    );
    // 02:30 is nowhere, and a slot that spans the jump lasts its real 30 minutes.
    assert!(got.iter().all(|s| s.1 - s.0 == 1800));
}

#[test]
fn the_hour_repeated_in_november_is_offered_once() {
    // Sunday 2026-11-01 in Denver: 02:00 MDT falls back to 01:00 MST.
    let day = date(2026, 11, 1);
    let got = day_slots(&denver(), day, &hours(1, 1, 7, 0, 180), 30);
    let got: Vec<i64> = got.iter().map(|s| s.0).collect();
    assert_eq!(
        got,
        vec![
            at("2026-11-01T06:00:00Z"), // 00:00 MDT
            at("2026-11-01T06:30:00Z"),
            at("2026-11-01T07:00:00Z"), // 01:00 MDT, the first of the two
            at("2026-11-01T07:30:00Z"),
            at("2026-11-01T09:00:00Z"), // 02:00 MST
            at("2026-11-01T09:30:00Z"),
        ]
    );
    let mut unique = got.clone();
    unique.dedup();
    assert_eq!(unique, got);
}

#[test]
fn search_across_the_march_change_skips_the_gap_only() {
    let schedule = one_site(vec![hours(1, 1, 7, 90, 210)]);
    let seeker = Seeker::default();
    let slots = schedule.free(&seeker, &denver(), date(2026, 3, 7), 2, 0, 10, 99);
    // 01:30 MST, then 03:00 MDT; 02:00 and 02:30 do not exist.
    assert_eq!(
        starts(&slots),
        vec![at("2026-03-08T08:30:00Z"), at("2026-03-08T09:00:00Z")]
    );
}

#[test]
fn closures_of_the_site_or_of_every_site_leave_the_day_out() {
    let monday = date(2026, 1, 5);
    let tuesday = date(2026, 1, 6);
    let mut schedule = one_site(vec![hours(1, 1, 1, 540, 600), hours(1, 1, 2, 540, 600)]);
    let seeker = Seeker::default();
    let open = schedule.free(&seeker, &denver(), monday, 2, 0, 10, 99);
    assert_eq!(open.len(), 4);

    schedule.closures.insert((Some(1), monday));
    let slots = schedule.free(&seeker, &denver(), monday, 2, 0, 10, 99);
    assert_eq!(
        starts(&slots),
        vec![local(tuesday, 9, 0), local(tuesday, 9, 30)]
    );

    schedule.closures.insert((None, tuesday));
    assert!(schedule
        .free(&seeker, &denver(), monday, 2, 0, 10, 99)
        .is_empty());

    // Another site's closure changes nothing here.
    let mut other = one_site(vec![hours(1, 1, 1, 540, 600)]);
    other.closures.insert((Some(2), monday));
    assert_eq!(
        other.free(&seeker, &denver(), monday, 1, 0, 10, 99).len(),
        2
    );
}

#[test]
fn taken_and_overlapping_slots_are_left_out_and_neighbours_kept() {
    let monday = date(2026, 1, 5);
    let mut schedule = one_site(vec![hours(7, 1, 1, 540, 660)]);
    // 09:30-10:00 booked exactly; 10:15-10:45 (booked at another site) overlaps two slots.
    schedule.taken.insert(
        7,
        vec![
            (local(monday, 9, 30), local(monday, 10, 0)),
            (local(monday, 10, 15), local(monday, 10, 45)),
        ],
    );
    let slots = schedule.free(&Seeker::default(), &denver(), monday, 1, 0, 10, 99);
    assert_eq!(starts(&slots), vec![local(monday, 9, 0)]);
    // Another navigator's booking takes nothing from this one.
    schedule.taken = HashMap::from([(8, vec![(local(monday, 9, 0), local(monday, 11, 0))])]);
    assert_eq!(
        schedule
            .free(&Seeker::default(), &denver(), monday, 1, 0, 10, 99)
            .len(),
        4
    );
}

#[test]
fn the_past_and_the_lead_time_are_left_out_at_the_edge() {
    let monday = date(2026, 1, 5);
    let schedule = one_site(vec![hours(1, 1, 1, 540, 660)]);
    let earliest = local(monday, 10, 0);
    let slots = schedule.free(&Seeker::default(), &denver(), monday, 1, earliest, 10, 99);
    assert_eq!(
        starts(&slots),
        vec![local(monday, 10, 0), local(monday, 10, 30)]
    );
    let slots = schedule.free(
        &Seeker::default(),
        &denver(),
        monday,
        1,
        earliest + 1,
        10,
        99,
    );
    assert_eq!(starts(&slots), vec![local(monday, 10, 30)]);
}

#[test]
fn nearest_sites_come_first_then_soonest_then_by_area_and_name() {
    let monday = date(2026, 1, 5);
    let home = (39.74, -104.99);
    let schedule = Schedule {
        sites: vec![
            site(1, "Far Library", Some((39.90, -104.99)), None),
            site(2, "Near Library", Some((39.75, -104.99)), None),
            site(3, "Zeta Center", None, Some(5)),
            site(4, "Alpha Center", None, None),
            site(5, "Beta Center", None, None),
        ],
        hours: (1..=5).map(|s| hours(s, s, 1, 540, 600)).collect(),
        ..Schedule::default()
    };
    let seeker = Seeker {
        location: Some(home),
        area_id: Some(5),
        ..Seeker::default()
    };
    let slots = schedule.free(&seeker, &denver(), monday, 1, 0, 20, 99);
    let order: Vec<i64> = slots.iter().map(|s| s.site_id).collect();
    assert_eq!(order, vec![2, 2, 1, 1, 3, 3, 4, 4, 5, 5]);
    assert!(slots[0].starts_at < slots[1].starts_at);
    assert!(slots[0].distance_km.unwrap() < slots[2].distance_km.unwrap());
    // The limit keeps the nearest.
    let few = schedule.free(&seeker, &denver(), monday, 1, 0, 3, 99);
    assert_eq!(
        few.iter().map(|s| s.site_id).collect::<Vec<_>>(),
        vec![2, 2, 1]
    );
}

#[test]
fn one_slot_per_time_and_place_with_the_cases_navigator_first() {
    let monday = date(2026, 1, 5);
    let schedule = one_site(vec![hours(3, 1, 1, 540, 570), hours(9, 1, 1, 540, 570)]);
    let anyone = schedule.free(&Seeker::default(), &denver(), monday, 1, 0, 10, 99);
    assert_eq!(anyone.len(), 1);
    assert_eq!(anyone[0].navigator_id, 3);
    let theirs = Seeker {
        navigator_id: Some(9),
        ..Seeker::default()
    };
    let slots = schedule.free(&theirs, &denver(), monday, 1, 0, 10, 99);
    assert_eq!(slots[0].navigator_id, 9);
}

#[test]
fn navigators_who_can_meet_the_resident() {
    let es = Seeker {
        language: "es".into(),
        ..Seeker::default()
    };
    assert!(es.understands("en,es"));
    assert!(es.understands("es"));
    assert!(!es.understands("en,vi"));
    assert!(!es.understands(""));
    let with_interpreter = Seeker {
        interpreter: true,
        ..es
    };
    assert!(with_interpreter.understands("en"));
}

#[test]
fn slot_values_read_back_and_nothing_else_does() {
    let key = SlotKey {
        navigator_id: 12,
        site_id: 3,
        starts_at: 1_767_628_800,
    };
    assert_eq!(key.value(), "12-3-1767628800");
    assert_eq!(SlotKey::parse(&key.value()), Some(key));
    for bad in [
        "",
        "12-3",
        "12-3-",
        "12-3-x",
        "12--3-4",
        "-12-3-4",
        "12-3-4-5",
        "+1-2-3",
        "1 -2-3",
        "99999999999999999999-1-1",
    ] {
        assert_eq!(SlotKey::parse(bad), None, "{bad:?}");
    }
}
