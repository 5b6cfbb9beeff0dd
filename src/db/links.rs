//! Tables that link one row to many others (the areas a navigator or a program serves): read
//! whole, and saved by replacing the owner's whole set, so the form's list is the truth.

/// A link table: its name, the column naming the owner and the column naming what it links to.
/// The names are the code's own (`'static`), never input, so they are written into the SQL.
pub struct LinkTable {
    pub table: &'static str,
    pub owner: &'static str,
    pub linked: &'static str,
}

impl LinkTable {
    /// What `owner_id` links to, in id order.
    pub async fn linked(&self, db: &super::Db, owner_id: i64) -> sqlx::Result<Vec<i64>> {
        let LinkTable {
            table,
            owner,
            linked,
        } = self;
        sqlx::query_scalar(&format!(
            "SELECT {linked} FROM {table} WHERE {owner} = $1 ORDER BY {linked}"
        ))
        .bind(owner_id)
        .fetch_all(&db.pool)
        .await
    }

    /// Replaces the links of `owner_id` with one to each of `ids`, inside the caller's
    /// transaction.
    pub async fn replace(
        &self,
        conn: &mut sqlx::AnyConnection,
        owner_id: i64,
        ids: &[i64],
    ) -> sqlx::Result<()> {
        let LinkTable {
            table,
            owner,
            linked,
        } = self;
        sqlx::query(&format!("DELETE FROM {table} WHERE {owner} = $1"))
            .bind(owner_id)
            .execute(&mut *conn)
            .await?;
        let insert = format!("INSERT INTO {table} ({owner}, {linked}) VALUES ($1, $2)");
        for id in ids {
            sqlx::query(&insert)
                .bind(owner_id)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}
