//! Reusable pieces of the interface.

pub mod case_details;
pub mod case_list;
pub mod charts;
pub mod description;
pub mod enhanced_form;
pub mod form_errors;
pub mod layout;
pub mod rating_form;
pub mod report_view;
pub mod request_form;
pub mod staff_frame;
pub mod track_form;
