//! The public HSDS 3.0 API over HTTP, on SQLite and PostgreSQL, as a 211 reading it would
//! check it: every answer is what the standard says, paging and filters behave, bad
//! parameters get JSON errors, caches and browsers are told what they need, inactive
//! programs and residents never show.

mod common;

use common::hsds_api::*;
use common::staff::ANA;
use common::TestApp;
use serde_json::Value;

/// Checks `value` against the official HSDS 3.0 schema `schema` (see `common::hsds`).
fn conforms(schema: &str, value: &Value, what: &str) {
    common::hsds::assert_valid(schema, value, what);
}

/// A list's answer: valid as the OpenAPI document's page of `item_schema` items, with every
/// field of the paging object, a `size` that counts `contents`, and each item valid.
fn conforms_page(page_schema: &str, item_schema: &str, page: &Value, what: &str) {
    conforms(page_schema, page, what);
    for key in ["total_items", "total_pages", "page_number", "size"] {
        assert!(page[key].is_u64(), "{key} in {what}: {page}");
    }
    for key in ["first_page", "last_page", "empty"] {
        assert!(page[key].is_boolean(), "{key} in {what}: {page}");
    }
    let contents = page["contents"].as_array().expect("contents");
    assert_eq!(page["size"].as_u64(), Some(contents.len() as u64));
    common::hsds::assert_each_valid(item_schema, &page["contents"], what);
}

/// The lists with the schemas of their answer, of its items and of one item by id.
const LISTS: &[(&str, &str, &str, &str)] = &[
    ("services", "service_page", "service_list", "service"),
    (
        "organizations",
        "organization_page",
        "organization_list",
        "organization",
    ),
    (
        "service_at_locations",
        "service_at_location_page",
        "service_at_location_list",
        "service_at_location",
    ),
    ("taxonomies", "taxonomy_page", "taxonomy", "taxonomy"),
    (
        "taxonomy_terms",
        "taxonomy_term_page",
        "taxonomy_term",
        "taxonomy_term",
    ),
];

async fn every_answer_conforms_and_tells_nothing_of_residents(app: TestApp) {
    seed(&app).await;
    let mut bodies: Vec<(String, String)> = Vec::new();

    let root = ok(&app, "/api/hsds/").await;
    conforms("api_root", &root, "the root");
    assert_eq!(root["version"], "3.0");
    assert!(root["profile"].as_str().unwrap().starts_with("https://"));
    assert_eq!(
        root["openapi_url"].as_str().unwrap(),
        app.url("/api/hsds/openapi.json")
    );
    assert_eq!(
        ok(&app, "/api/hsds").await,
        root,
        "with or without the slash"
    );
    let openapi = ok(&app, "/api/hsds/openapi.json").await;
    assert_eq!(openapi["openapi"], "3.1.0");
    assert_eq!(
        openapi["servers"][0]["url"].as_str().unwrap(),
        app.url("/api/hsds")
    );
    bodies.push(("/api/hsds/".into(), root.to_string()));
    bodies.push(("/api/hsds/openapi.json".into(), openapi.to_string()));

    for (list, page_schema, item_schema, full_schema) in LISTS {
        let path = format!("/api/hsds/{list}");
        let page = ok(&app, &path).await;
        conforms_page(page_schema, item_schema, &page, &path);
        assert!(page["total_items"].as_u64().unwrap() > 0, "{path}: {page}");
        assert_eq!(page["first_page"], true);
        assert_eq!(page["last_page"], true);
        assert_eq!(page["empty"], false);
        bodies.push((path.clone(), page.to_string()));

        // The documented paths are the ones served.
        assert!(
            openapi["paths"][format!("/{list}")].is_object()
                && openapi["paths"][format!("/{list}/{{id}}")].is_object(),
            "{list} in the OpenAPI document"
        );

        // Every item by id, fully nested.
        for entry in page["contents"].as_array().unwrap() {
            let id = entry["id"].as_str().unwrap();
            let item_path = format!("{path}/{id}");
            let item = ok(&app, &item_path).await;
            conforms(full_schema, &item, &item_path);
            assert_eq!(item["id"], entry["id"]);
            bodies.push((item_path, item.to_string()));
        }

        // The same items as ndjson, one a line, without paging.
        let nd = get(&app, &format!("{path}?format=ndjson&per_page=1")).await;
        assert_eq!(nd.status, 200);
        assert_eq!(nd.content_type, "application/x-ndjson");
        let lines = nd.lines();
        assert_eq!(lines.len() as u64, page["total_items"].as_u64().unwrap());
        for line in &lines {
            conforms(item_schema, line, &format!("{path}?format=ndjson"));
        }
        bodies.push((format!("{path}?format=ndjson"), nd.body.clone()));

        // An empty list and the last page of a paged one.
        let empty = ok(&app, &format!("{path}?search=zzzqqq")).await;
        conforms_page(page_schema, item_schema, &empty, "an empty list");
        assert_eq!(
            (
                empty["total_items"].as_u64(),
                empty["total_pages"].as_u64(),
                empty["empty"].as_bool(),
                empty["last_page"].as_bool()
            ),
            (Some(0), Some(0), Some(true), Some(true)),
            "{path}: {empty}"
        );
        let total = page["total_items"].as_u64().unwrap();
        let last = ok(&app, &format!("{path}?per_page=1&page={total}")).await;
        conforms_page(page_schema, item_schema, &last, "a last page");
        assert_eq!(
            (
                last["size"].as_u64(),
                last["total_pages"].as_u64(),
                last["last_page"].as_bool(),
                last["first_page"].as_bool()
            ),
            (Some(1), Some(total), Some(true), Some(total == 1)),
            "{path}: {last}"
        );
        let nd_empty = get(&app, &format!("{path}?format=ndjson&search=zzzqqq")).await;
        assert_eq!((nd_empty.status, nd_empty.body.as_str()), (200, ""));
    }

    // Only active programs: three services, two organizations, two places.
    let services = ok(&app, "/api/hsds/services").await;
    let mut listed = names(&services);
    listed.sort();
    assert_eq!(listed, ["Internet Essentials", "Laptop loans", "Tech help"]);
    assert_eq!(
        names(&ok(&app, "/api/hsds/organizations").await),
        ["Comcast", "Denver Public Library"]
    );
    assert_eq!(
        ok(&app, "/api/hsds/service_at_locations").await["total_items"],
        2
    );

    for (path, body) in &bodies {
        for secret in [CANARY_NAME, "Canarywood", CANARY_ADDRESS, CANARY_DETAILS]
            .iter()
            .chain(CANARY_PHONE_FORMS)
        {
            assert!(
                !body.contains(secret),
                "{path} shows the resident's {secret:?}"
            );
        }
        for inactive in ["Retired plan", "Old Telecom", "No longer offered"] {
            assert!(!body.contains(inactive), "{path} shows {inactive:?}");
        }
    }
    app.stop().await;
}

async fn paging_edges_and_bad_parameters_get_json_errors(app: TestApp) {
    seed(&app).await;
    for (query, parameter) in [
        ("page=0", "page"),
        ("page=-2", "page"),
        ("page=two", "page"),
        ("page=1.5", "page"),
        ("page=99999999999999999999999", "page"),
        ("per_page=0", "per_page"),
        ("per_page=501", "per_page"),
        ("per_page=100000000", "per_page"),
        ("per_page=ten", "per_page"),
        ("format=xml", "format"),
        ("modified_after=last+week", "modified_after"),
        ("organization_id=7", "organization_id"),
        ("taxonomy_term_id=device", "taxonomy_term_id"),
        (
            "taxonomy_term_id=00000000-0000-4000-8000-000000000000",
            "taxonomy_term_id",
        ),
        (
            "taxonomy_id=00000000-0000-4000-8000-000000000000",
            "taxonomy_id",
        ),
        ("minimal=true", "minimal"),
        ("page=1&page=2", "page"),
        ("postcode=80205", "postcode"),
    ] {
        let v = refused(&app, &format!("/api/hsds/services?{query}"), 400).await;
        assert_eq!(v["parameter"], parameter, "{query}: {v}");
    }
    let v = refused(&app, "/api/hsds/services?per_page=1000", 400).await;
    assert!(
        v["message"].as_str().unwrap().contains("500"),
        "the cap is said: {v}"
    );
    for (query, parameter) in [
        ("postcode=802", "postcode"),
        ("postcode=99999", "postcode"),
        ("proximity=1000", "proximity"),
        ("postcode=80205&proximity=0", "proximity"),
        ("postcode=80205&proximity=far", "proximity"),
        ("postcode=80205&proximity=1e9", "proximity"),
    ] {
        let v = refused(
            &app,
            &format!("/api/hsds/service_at_locations?{query}"),
            400,
        )
        .await;
        assert_eq!(v["parameter"], parameter, "{query}: {v}");
    }

    // The largest page is served; parameters HSDS does not define change nothing.
    let all = ok(&app, "/api/hsds/services").await;
    assert_eq!(ok(&app, "/api/hsds/services?per_page=500").await, all);
    assert_eq!(
        ok(
            &app,
            "/api/hsds/services?utm_source=211&lang=es&per_page=&full=true"
        )
        .await,
        all
    );
    // Past the last page: an empty page that still says how many there are.
    let past = ok(&app, "/api/hsds/services?page=40&per_page=2").await;
    assert_eq!(
        (
            past["total_items"].as_u64(),
            past["total_pages"].as_u64(),
            past["size"].as_u64(),
            past["page_number"].as_u64(),
            past["empty"].as_bool()
        ),
        (Some(3), Some(2), Some(0), Some(40), Some(true))
    );
    let first = ok(&app, "/api/hsds/services?per_page=2").await;
    let second = ok(&app, "/api/hsds/services?per_page=2&page=2").await;
    let mut both = [names(&first), names(&second)].concat();
    assert_eq!(both.len(), 3);
    both.sort();
    both.dedup();
    assert_eq!(both.len(), 3, "no service twice, none left out");

    // Unknown ids and addresses: 404 as JSON, never a page.
    for path in [
        "/api/hsds/services/00000000-0000-4000-8000-000000000000",
        "/api/hsds/services/not-an-id",
        "/api/hsds/organizations/00000000-0000-4000-8000-000000000000",
        "/api/hsds/service_at_locations/x",
        "/api/hsds/taxonomies/x",
        "/api/hsds/taxonomy_terms/x",
        "/api/hsds/locations",
        "/api/hsds/services/x/y",
    ] {
        refused(&app, path, 404).await;
    }
    // Each list accepts exactly the HSDS parameters its OpenAPI entry documents.
    let openapi = ok(&app, "/api/hsds/openapi.json").await;
    let every: Vec<String> = openapi["components"]["parameters"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for (list, ..) in LISTS {
        let documented: Vec<String> = openapi["paths"][format!("/{list}")]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["$ref"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        for name in &every {
            let path = format!("/api/hsds/{list}?{name}=");
            let status = get(&app, &path).await.status;
            let want = if documented.contains(name) { 200 } else { 400 };
            assert_eq!(status, want, "{path}");
        }
    }

    // A miss elsewhere is still the residents' HTML page.
    let page = get(&app, "/no/such/page").await;
    assert_eq!(page.status, 404);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    // Read-only: writing is refused, as JSON.
    let resp = app
        .client
        .post(app.url("/api/hsds/services"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert_eq!(app.count("programs").await, 4, "nothing written");
    app.stop().await;
}

async fn filters_combine_as_and(app: TestApp) {
    seed(&app).await;
    let q = |query: &'static str| {
        let app = &app;
        async move {
            let mut n = names(&ok(app, &format!("/api/hsds/services?{query}")).await);
            n.sort();
            n
        }
    };
    let terms = ok(&app, "/api/hsds/taxonomy_terms").await;
    let term = |code: &str| {
        terms["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {terms}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(names(&terms), ["Internet plan", "Device", "Training"]);
    let orgs = ok(&app, "/api/hsds/organizations").await;
    let library = orgs["contents"][1]["id"].as_str().unwrap().to_owned();
    let training = term("training");

    assert_eq!(q("search=LAPTOP").await, ["Laptop loans"]);
    assert_eq!(q("search=library+weekly").await, ["Tech help"]);
    assert_eq!(q("search=training").await, ["Laptop loans", "Tech help"]);
    let by_term = format!("taxonomy_term_id={training}");
    let by_org = format!("organization_id={library}");
    let path = |query: &str| format!("/api/hsds/services?{query}");
    assert_eq!(
        names(&ok(&app, &path(&by_term)).await).len(),
        2,
        "two services train"
    );
    let both = ok(&app, &path(&format!("{by_term}&{by_org}&search=laptop"))).await;
    assert_eq!(names(&both), ["Laptop loans"]);
    let none = ok(
        &app,
        &path(&format!(
            "taxonomy_term_id={}&{by_org}",
            term("internet_plan")
        )),
    )
    .await;
    assert_eq!(none["total_items"], 0, "library and internet plan: none");
    // Last checked 2025-06-15, 2023-11-14 and never.
    assert_eq!(
        q("modified_after=2024-01-01").await,
        ["Internet Essentials"]
    );
    assert_eq!(
        q("modified_after=2023-01-01T00:00:00Z").await,
        ["Internet Essentials", "Laptop loans"]
    );
    assert_eq!(
        names(&ok(&app, &path(&format!("modified_after=2023-01-01&{by_org}"))).await),
        ["Laptop loans"]
    );
    let nd = get(&app, &path(&format!("{by_term}&format=ndjson"))).await;
    assert_eq!(nd.lines().len(), 2);
    let org = ok(&app, &format!("/api/hsds/organizations/{library}")).await;
    assert_eq!(org["services"].as_array().unwrap().len(), 2);
    let taxonomy = ok(&app, "/api/hsds/taxonomies").await;
    let tid = taxonomy["contents"][0]["id"].as_str().unwrap();
    assert_eq!(
        names(&ok(&app, &format!("/api/hsds/taxonomy_terms?taxonomy_id={tid}")).await).len(),
        3
    );

    // Where: the ZIP code's neighborhood must be among a service's areas (a service naming
    // none serves everywhere), and with proximity its location must be that close.
    let at = |query: &'static str| {
        let app = &app;
        async move {
            let page = ok(app, &format!("/api/hsds/service_at_locations?{query}")).await;
            let mut n: Vec<String> = page["contents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["service"]["name"].as_str().unwrap().to_owned())
                .collect();
            n.sort();
            n
        }
    };
    assert_eq!(at("").await, ["Internet Essentials", "Tech help"]);
    assert_eq!(at("postcode=80205").await, ["Internet Essentials"]);
    assert_eq!(at("postcode=80219-1234").await, ["Tech help"]);
    assert!(at("postcode=80239").await.is_empty(), "outside both areas");
    // The library is about 400 m from 80205's centroid.
    assert_eq!(
        at("postcode=80205&proximity=1000").await,
        ["Internet Essentials"]
    );
    assert!(at("postcode=80205&proximity=200").await.is_empty());
    assert!(at("postcode=80205&proximity=1000&search=westwood")
        .await
        .is_empty());
    assert_eq!(at("search=welton").await, ["Internet Essentials"]);
    app.stop().await;
}

async fn caches_and_browsers_are_told_what_they_need(app: TestApp) {
    seed(&app).await;
    let first = get(&app, "/api/hsds/services").await;
    assert_eq!(first.status, 200);
    let etag = first.headers["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(first.headers["cache-control"], "public, max-age=60");

    let again = app
        .get_with("/api/hsds/services", "if-none-match", &etag)
        .await;
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.text().await.unwrap().is_empty());
    let other = app
        .get_with(
            "/api/hsds/services",
            "if-none-match",
            "W/\"something-else\"",
        )
        .await;
    assert_eq!(other.status(), 200);
    // Another page has another validator; a change to the programs gives a new one.
    let page2 = get(&app, "/api/hsds/services?per_page=1&page=2").await;
    assert_ne!(page2.headers["etag"].to_str().unwrap(), etag);
    app.exec(
        "UPDATE programs SET description = 'Now $10 a month.' WHERE name = 'Internet Essentials'",
        (),
    )
    .await;
    // Made straight in the database (as another instance would): seen within a few seconds.
    let changed = common::eventually(
        async || {
            app.get_with("/api/hsds/services", "if-none-match", &etag)
                .await
                .status()
                .as_u16()
        },
        |status| *status == 200,
    )
    .await;
    assert_eq!(changed, 200, "changed data is sent again");

    // Any web page may read it; preflight is answered without reading anything.
    let resp = app
        .client
        .get(app.url("/api/hsds/services"))
        .header("origin", "https://211.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let exposed = resp.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/hsds/services"))
        .header("origin", "https://211.example.org")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    let methods = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        methods.contains("GET") && !methods.contains("POST"),
        "{methods}"
    );
    // Errors too carry the CORS header, so a page's script can read them.
    let bad = app
        .client
        .get(app.url("/api/hsds/services?page=0"))
        .header("origin", "https://211.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.headers()["access-control-allow-origin"], "*");
    app.stop().await;
}

async fn the_programs_page_links_the_api(app: TestApp) {
    let ana = app.with_user(ANA).await;
    for lang in ["en", "es"] {
        let resp = ana.get(&format!("/programs?lang={lang}")).await;
        assert_eq!(resp.status(), 200);
        let body = resp.text().await.unwrap();
        assert!(body.contains(r#"href="/api/hsds/""#), "{lang}");
    }
    let (_, en) = ana.page("/programs?lang=en").await;
    assert!(en.contains("Open data"), "{en}");
    let (_, es) = ana.page("/programs?lang=es").await;
    assert!(es.contains("Datos abiertos"), "{es}");
    app.stop().await;
}

on_both_backends!(
    every_answer_conforms_and_tells_nothing_of_residents,
    paging_edges_and_bad_parameters_get_json_errors,
    filters_combine_as_and,
    caches_and_browsers_are_told_what_they_need,
    the_programs_page_links_the_api,
);

#[tokio::test]
async fn a_crawler_past_its_allowance_is_told_when_to_come_back() {
    let Some(app) = common::spawn_with(common::Backend::Sqlite, |c| {
        c.api_rate = "2/min,burst=2".parse().unwrap();
    })
    .await
    else {
        return;
    };
    for _ in 0..2 {
        assert_eq!(get(&app, "/api/hsds/services").await.status, 200);
    }
    let v = refused(&app, "/api/hsds/services", 429).await;
    assert!(
        v["message"].as_str().unwrap().contains("Retry-After"),
        "{v}"
    );
    let resp = app.get("/api/hsds/").await;
    assert_eq!(resp.status(), 429);
    let wait: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // The residents' pages have allowances of their own.
    assert_eq!(app.get("/").await.status(), 200);
    app.stop().await;
}
