//! A program's places now (issue 18): a program with devices in the inventory (any not
//! retired) has as many places as it has devices `available`; any other program has the
//! number typed on its form. Eligibility, the case and confirmation pages, the program pages
//! and the HSDS export all read places through this SQL, so the stock shown is the inventory's.
//! It lives in the ground layer because `programs` may not use `devices`.
//!
//! `program` below names the programs row in the caller's query (the table or its alias): the
//! code's own text, never input.

fn has_devices(program: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM devices stock_d \
                 WHERE stock_d.program_id = {program}.id AND stock_d.status <> 'retired')"
    )
}

/// SQL for the places now of the program row `program`: NULL when not limited.
pub fn places(program: &str) -> String {
    format!(
        "CASE WHEN {} \
              THEN (SELECT COUNT(*) FROM devices stock_a \
                    WHERE stock_a.program_id = {program}.id AND stock_a.status = 'available') \
              ELSE {program}.capacity_available END",
        has_devices(program)
    )
}

/// SQL that is 1 when the places of the program row `program` come from the inventory, else 0.
pub fn from_inventory(program: &str) -> String {
    format!("CASE WHEN {} THEN 1 ELSE 0 END", has_devices(program))
}
