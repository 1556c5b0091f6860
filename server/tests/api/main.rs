//! Integration tests: the real app on a free port with a fresh database each, spoken to
//! over HTTP. SQLite by default; `OPENDOOR_TEST_DB=postgres` runs the same tests against
//! PostgreSQL at `OPENDOOR_TEST_POSTGRES_URL`, each in a database of its own.

mod actors;
mod admin;
mod assets;
mod authorization_matrix;
mod case_details;
mod case_rollups;
mod cli;
mod confidentiality;
mod counter_tablet;
mod database;
mod deadlines;
mod demo_year;
mod disk_full;
mod disk_full_real;
mod health;
mod helpers;
mod honest_figures;
mod mail;
mod mail_delivery;
mod open311;
mod outage;
mod oversight;
mod page_texts;
mod pages;
mod prefs;
mod printing;
mod promises;
mod rating_pages;
mod ratings;
mod reports;
mod reports_publishing;
mod requests;
mod resident_loop;
mod rollups;
mod routes;
mod security;
mod self_rating;
mod signals;
mod staff_sessions;
mod station_and_code_ratings;
mod tracking;
mod visits;
mod workspace;
mod workspace_decisions;
