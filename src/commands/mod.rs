//! The commands besides `build` and `check`: a starter project ([`init`]), a
//! JSON Resume translated into a content file ([`import`]), the content format's
//! JSON Schema ([`schema`]) and rebuilding on every save ([`watch`]).

pub mod import;
pub mod init;
pub mod schema;
pub mod watch;
