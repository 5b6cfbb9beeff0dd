//! `navdesk serve`: the web application, with every setting of `Config` as a flag.

use clap::Args;

use crate::config::Config;

#[derive(Args)]
pub struct ServeArgs {
    /// Seed demonstration data (navigators, programs, past cases) once, so every page has
    /// something to show.
    // Also makes `best` the default of --auto-assign (see `Config::auto_assign`).
    #[arg(long)]
    demo: bool,

    #[command(flatten)]
    config: Config,
}

pub async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    let ServeArgs { demo, mut config } = args;
    config.database_url = database_url;
    let db = crate::db::open(&config.database_url).await?;
    if demo {
        // The demo's neighborhoods, before a hexagon grid would cover an empty database.
        crate::demo::ensure_areas(&db).await?;
    }
    let region = config.placement.service_region;
    let size_km = config.placement.hex_size_km;
    if let Some(cells) = crate::areas::ensure_areas(&db, region, size_km).await? {
        tracing::info!(
            cells,
            ?region,
            size_km,
            "no areas yet: generated a hexagon grid over the service region \
             (import real boundaries with `navdesk import-areas`)"
        );
    }
    let public_url_given = !config.public_url.is_empty();
    let app = crate::Application::with_db(config, db).await?;
    let addr = app.local_addr();
    let mut public_url = app.state().config.public_url.clone();
    if addr.ip().is_unspecified() && !public_url_given {
        public_url = format!("http://127.0.0.1:{}", addr.port());
    }
    let demo_sign_in = if demo {
        crate::demo::seed(&app.state().db).await?
    } else {
        None
    };
    tracing::info!(%addr, backend = ?app.state().db.backend, "navdesk is listening");
    if let Some(metrics) = app.metrics_addr() {
        tracing::info!(%metrics, "metrics at GET /metrics");
    }
    say!("navdesk is running: open {public_url}/ in a browser (Ctrl-C stops it)");
    if let Some(demo) = demo_sign_in {
        say!(
            "demo data seeded. Staff sign-in at {public_url}/login: {} (supervisor) or {} \
             (navigator), password {} (shown only now)",
            demo.supervisor,
            demo.navigator,
            demo.password
        );
    }
    app.run_until(crate::shutdown_signal()).await
}
