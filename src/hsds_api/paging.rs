//! The paging object every list of the HSDS API answers (`total_items`, `total_pages`,
//! `page_number`, `size`, `first_page`, `last_page`, `empty`, and the page's `contents`).

use serde_json::{json, Value};

use super::query::ListQuery;

/// The HSDS paging object over `items`, holding page `q.page` of `q.per_page` items.
pub fn page<T: serde::Serialize>(items: Vec<T>, q: &ListQuery) -> Value {
    let total = items.len() as u64;
    let total_pages = total.div_ceil(q.per_page);
    let start = (q.page - 1).saturating_mul(q.per_page);
    let contents: Vec<T> = items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(usize::try_from(q.per_page).unwrap_or(usize::MAX))
        .collect();
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": q.page,
        "size": contents.len(),
        "first_page": q.page == 1,
        "last_page": q.page >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_say_where_they_are() {
        let items: Vec<Value> = (0..5).map(|n| json!({ "n": n })).collect();
        let q = |page, per_page| ListQuery {
            page,
            per_page,
            ..ListQuery::default()
        };
        let p = page(items.clone(), &q(2, 2));
        assert_eq!(
            (
                p["total_items"].as_u64(),
                p["total_pages"].as_u64(),
                p["size"].as_u64()
            ),
            (Some(5), Some(3), Some(2))
        );
        assert_eq!(
            (p["first_page"].as_bool(), p["last_page"].as_bool()),
            (Some(false), Some(false))
        );
        let last = page(items.clone(), &q(3, 2));
        assert_eq!(
            (last["size"].as_u64(), last["last_page"].as_bool()),
            (Some(1), Some(true))
        );
        let past = page(items.clone(), &q(u64::from(u32::MAX), 500));
        assert_eq!(
            (past["size"].as_u64(), past["empty"].as_bool()),
            (Some(0), Some(true))
        );
        let none = page(Vec::<Value>::new(), &q(1, 50));
        assert_eq!(
            (
                none["total_pages"].as_u64(),
                none["first_page"].as_bool(),
                none["last_page"].as_bool(),
                none["empty"].as_bool()
            ),
            (Some(0), Some(true), Some(true), Some(true))
        );
    }
}
