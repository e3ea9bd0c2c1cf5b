//! Opaque identifiers and secret tokens.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new opaque id: 128 random bits as 32 hex digits, so ids in URLs cannot be
/// guessed or walked.
pub fn new_id() -> String {
    random_hex(16)
}

/// A new secret token: 256 random bits as 64 hex digits.
pub fn new_token() -> String {
    random_hex(32)
}

/// The SHA-256 of a token, as stored in place of the token itself.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_128_bits() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[test]
    fn token_hash_is_stable_and_not_the_token() {
        let t = new_token();
        assert_eq!(token_hash(&t), token_hash(&t));
        assert_ne!(token_hash(&t), t);
    }
}
