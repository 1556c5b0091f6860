//! One page per file.

pub mod home;
pub mod mail_links;
pub mod not_found;
pub mod rate_code;
pub mod rate_officer;
pub mod rated;
pub mod receipt;
pub mod report_method;
pub mod reports;
pub mod request_new;
pub mod staff_admin;
pub mod staff_case;
pub mod staff_dashboard;
pub mod staff_home;
pub mod staff_lists;
pub mod staff_login;
pub mod staff_printing;
pub mod staff_ratings;
pub mod staff_reports;
pub mod staff_second_factor;
pub mod staff_show_code;
pub mod staff_signals;
pub mod staff_visits;
pub mod station;
pub mod status;
pub mod track;
