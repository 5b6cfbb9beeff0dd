//! Who staff are: their roles, the signed-in user a request comes from, and a navigator's
//! profile as the case queue reads it. Sessions and sign-in are the `auth` feature's.

use super::Need;
use crate::i18n::Lang;

/// What a staff member may do. Each action names the roles it allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Navigator,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: &'static [Role] = &[Role::Navigator, Role::Supervisor, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Navigator => "navigator",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.code() == code.trim())
    }
}

/// The signed-in staff member a request comes from.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Lang,
    /// The token every form of this session carries in its `csrf_token` field.
    pub csrf_token: String,
    /// The session's row id (the token's hash).
    pub session_id: String,
    /// The user's navigator profile, if they have one (read with the session).
    pub navigator: Option<QueueProfile>,
}

/// A navigator's profile as the queue filter reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueProfile {
    pub navigator_id: i64,
    pub languages: Vec<String>,
    pub skills: Vec<Need>,
}

impl CurrentUser {
    pub fn has_role(&self, allowed: &[Role]) -> bool {
        allowed.contains(&self.role)
    }
}
