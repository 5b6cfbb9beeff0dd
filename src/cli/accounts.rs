//! Staff accounts (`create-user`) and city-scale load-test data (`seed-load`), which both read
//! a password from standard input.

use anyhow::Context;
use clap::Args;

use crate::config::DEFAULT_ADDR;

#[derive(Args)]
pub struct CreateUserArgs {
    /// The address the person signs in with.
    #[arg(long)]
    email: String,
    /// The person's name, as colleagues see it.
    #[arg(long)]
    name: String,
    /// What the account may do.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// Language of the staff pages for this account (en, es, ...).
    #[arg(long, default_value = "en")]
    language: String,
    /// Make the account without a password and print a one-time invite link (valid 7 days)
    /// where its owner chooses one.
    #[arg(long)]
    invite: bool,
    /// The URL the world uses to reach the server, for the invite link.
    #[arg(long, env = "NAVDESK_PUBLIC_URL", default_value_t = format!("http://{DEFAULT_ADDR}"))]
    public_url: String,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    Navigator,
    Supervisor,
    Admin,
}

impl From<RoleArg> for crate::auth::Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Navigator => Self::Navigator,
            RoleArg::Supervisor => Self::Supervisor,
            RoleArg::Admin => Self::Admin,
        }
    }
}

#[derive(Args)]
pub struct SeedLoadArgs {
    /// How many cases (each with its resident and timeline).
    #[arg(long, default_value_t = 100_000)]
    cases: usize,
    /// How many navigators.
    #[arg(long, default_value_t = 200)]
    navigators: usize,
    /// How many devices in the inventory (with their loans).
    #[arg(long, default_value_t = 10_000)]
    devices: usize,
    /// Random seed: the same seed makes the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Days after a case is closed before its resident's personal data is cleared, or `off`,
    /// as the server keeps them: residents past it are cleared before the figures are built.
    #[arg(long, env = "NAVDESK_RETENTION_DAYS", default_value_t = crate::config::RetentionDays::DEFAULT)]
    retention_days: crate::config::RetentionDays,
}

/// A password from standard input: typed without echo at a terminal, else one line.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 12 characters): ")
            .context("could not read the password")
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("could not read the password from standard input")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}

pub async fn seed_load(database_url: &str, args: SeedLoadArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.navigators >= 1, "--navigators must be at least 1");
    let password = read_password()?;
    crate::auth::password::check_new_password(&password)?;
    let db = crate::db::open(database_url).await?;
    let started = std::time::Instant::now();
    let scale = crate::seed::Scale {
        cases: args.cases,
        navigators: args.navigators,
        devices: args.devices,
        seed: args.seed,
        retention: args.retention_days,
    };
    let seeded = crate::seed::seed(&db, scale, &password).await?;
    say!(
        "seeded {} cases and {} navigators over {} areas, {} devices with {} loans, and cleared \
         {} residents past the retention ({}), in {:.1} s; sign in as {} (navigator) or {} \
         (supervisor)",
        seeded.cases,
        seeded.navigators,
        seeded.areas,
        seeded.devices,
        seeded.loans,
        seeded.cleared,
        match args.retention_days.0 {
            Some(days) => format!("{days} days"),
            None => "off".into(),
        },
        started.elapsed().as_secs_f64(),
        seeded.navigator_email,
        seeded.supervisor_email
    );
    Ok(())
}

/// Reads the password first (so a bad one changes nothing), then migrates and creates.
pub async fn create_user(database_url: &str, args: CreateUserArgs) -> anyhow::Result<()> {
    let language = crate::i18n::Lang::parse(&args.language)
        .with_context(|| format!("unknown language {:?} for --language", args.language))?;
    if args.invite {
        let db = crate::db::open(database_url).await?;
        let new = crate::auth::InvitedUser {
            email: &args.email,
            name: &args.name,
            role: args.role.into(),
            language,
        };
        let (id, token) =
            crate::auth::create_invited_user(&db, &new, None, crate::db::now()).await?;
        say!(
            "created {} account {} (id {id}). Send this one-time link to its owner to choose a \
             password (valid 7 days):\n{}",
            new.role.code(),
            crate::auth::users::normalize_email(&args.email),
            crate::auth::invites::invite_url(&args.public_url, &token)
        );
        return Ok(());
    }
    let password = read_password()?;
    crate::auth::password::check_new_password(&password)?;
    let db = crate::db::open(database_url).await?;
    let new = crate::auth::NewUser {
        email: &args.email,
        name: &args.name,
        role: args.role.into(),
        language,
        password: &password,
    };
    let id = crate::auth::create_user(&db, &new).await?;
    say!(
        "created {} account {} (id {id})",
        new.role.code(),
        crate::auth::users::normalize_email(&args.email)
    );
    Ok(())
}
