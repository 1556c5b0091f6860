//! Open311 GeoReport v2 under `/open311/v2/`, so civic tools can read the portal: service
//! discovery, the services (one per request kind residents may file), public requests as
//! a list and one by one, and POST `requests` with an admin-issued API key, which files
//! a request exactly as the web form does. Every resource comes as `.json` or `.xml`,
//! with the specification's field names, W3C date-times and error lists.
//!
//! Only public fields leave: never contact details, what residents wrote, tips,
//! complaints naming an officer, the 差评 reviews, or anything hidden as spam. Each
//! station is a jurisdiction (`jurisdiction_id` = its slug).

mod format;
mod handlers;
mod store;

pub use handlers::routes;
