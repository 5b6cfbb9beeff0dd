//! Password hashing: Argon2id with the crate's default parameters, stored as a PHC string
//! (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). Verification compares in constant time
//! (the `password-hash` crate's `Output` does) and costs the same whether or not an account
//! exists, so timing does not tell which email addresses have one.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

/// Shorter passwords are refused.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones too: nobody types more, and it bounds the work one request can ask for.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A hash of a password nobody knows, made with the default parameters, to verify against
/// when there is no real hash (unknown email, disabled account, no password set) so that
/// those answers take as long as a wrong password does. A unit test keeps its parameters
/// equal to the defaults.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$\
    iyvsUG56UHMqgSyFqXr+MA$KXBn/5XTQYd56UF89hw7xRsnz7EoVRc0W8LVFP7Kcb8";

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("the password must be at least {MIN_PASSWORD_CHARS} characters long")]
    TooShort,
    #[error("the password must be at most {MAX_PASSWORD_CHARS} characters long")]
    TooLong,
}

/// Checks a new password's length (in characters, not bytes).
pub fn check_new_password(password: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(PasswordProblem::TooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(PasswordProblem::TooLong)
    } else {
        Ok(())
    }
}

/// Hashes a password with a fresh random salt. CPU-heavy: call from a blocking thread.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("could not hash the password: {e}"))
}

/// True when `password` matches the PHC string `hash`. Without a hash (`None`), or with one
/// that does not parse, verifies against a dummy hash and answers false, taking as long as a
/// real check. CPU-heavy: call from a blocking thread.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let argon2 = Argon2::default();
    match hash {
        Some(hash) => match argon2.verify_password(password.as_bytes(), hash) {
            Ok(()) => true,
            Err(argon2::password_hash::Error::PasswordInvalid) => false,
            Err(err) => {
                tracing::error!(error = %err, "a stored password hash cannot be used");
                let _ = argon2.verify_password(password.as_bytes(), DUMMY_HASH);
                false
            }
        },
        None => {
            let _ = argon2.verify_password(password.as_bytes(), DUMMY_HASH);
            false
        }
    }
}

/// `hash_password` off the async runtime's threads.
pub async fn hash_password_blocking(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await?
}

/// `verify_password` off the async runtime's threads.
pub async fn verify_password_blocking(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, hash.as_deref()))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_round_trip() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery staple", Some(&hash)));
        assert!(!verify_password("correct horse battery stapl", Some(&hash)));
        assert!(!verify_password("", Some(&hash)));
        let again = hash_password("correct horse battery staple").unwrap();
        assert_ne!(hash, again, "every hash has its own salt");
    }

    #[test]
    fn no_hash_or_a_broken_one_never_verifies() {
        assert!(!verify_password("anything at all", None));
        assert!(!verify_password(
            "anything at all",
            Some("not a phc string")
        ));
        assert!(!verify_password("anything at all", Some("")));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash_password("whatever password").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap_or_default().to_owned();
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert_eq!(
            DUMMY_HASH.split('$').nth(1),
            Some("argon2id"),
            "same algorithm"
        );
        // It parses, so verifying against it does the full work.
        assert!(argon2::PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn new_passwords_need_twelve_characters() {
        assert_eq!(
            check_new_password("elevenchars"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(check_new_password("twelve chars"), Ok(()));
        // Characters, not bytes: twelve accented letters are enough, eleven are not.
        assert_eq!(check_new_password(&"é".repeat(12)), Ok(()));
        assert_eq!(
            check_new_password(&"é".repeat(11)),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)),
            Err(PasswordProblem::TooLong)
        );
    }
}
