//! Records: turning request JSON into column values (with Salesforce's
//! validation) and rows back into response JSON.

pub mod encode;
