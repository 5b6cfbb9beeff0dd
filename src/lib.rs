//! navdesk: a multilingual help desk for a city's digital navigator program.
//!
//! `app(state)` is the whole web application as a router; `Application` binds it to a port
//! (port 0 in tests) and serves it until a shutdown signal.
//!
//! # Layers
//!
//! Each top-level module sits in one layer. A module uses modules of its own layer and of the
//! layers below, never above; within a layer, modules use one another without loops (so a
//! feature may use another feature, but never both ways). A helper that two modules share
//! lives in the lowest layer that needs it. `tests/layers.rs` reads this table and `src/`, and
//! names every `use` that breaks it.
//!
//! | layer | modules |
//! | --- | --- |
//! | ground | `domain`, `db`, `i18n`, `config`, `telemetry`, `metrics` |
//! | web kit | `web` |
//! | features | `auth`, `audit`, `areas`, `matching`, `programs`, `sms`, `intake`, `textline`, `cases`, `navigators`, `users`, `maps`, `datacare`, `voice`, `appointments`, `sites`, `reminders`, `calendar`, `siteday`, `devices`, `equity`, `hsds_api` |
//! | app | `app`, `workers`, `cli`, `demo`, `seed` |
//!
//! The ground holds the types and plumbing every feature shares (domain newtypes, the database
//! and its stores that several features write, translations, configuration, metrics). The web
//! kit holds what pages share: the request context and shared state, layout, form components,
//! staff chrome, dates, errors, assets. The features are what users see and do. The app, on
//! top, assembles them: the router and state (`app`), the background tasks (`workers`), the
//! command line (`cli`) and the demo and load data. The crate root only names the modules.
#![forbid(unsafe_code)]

pub mod app;
pub mod appointments;
pub mod areas;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cases;
pub mod cli;
pub mod config;
pub mod datacare;
pub mod db;
pub mod demo;
pub mod devices;
pub mod domain;
pub mod equity;
pub mod hsds_api;
pub mod i18n;
pub mod intake;
pub mod maps;
pub mod matching;
pub mod metrics;
pub mod navigators;
pub mod programs;
pub mod reminders;
pub mod seed;
pub mod siteday;
pub mod sites;
pub mod sms;
pub mod telemetry;
pub mod textline;
pub mod users;
pub mod voice;
pub mod web;
pub mod workers;

pub use app::{app, shutdown_signal, AppState, Application, MAX_BODY_BYTES};
