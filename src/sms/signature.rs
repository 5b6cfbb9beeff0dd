//! Is a webhook really from Twilio? Checks `X-Twilio-Signature`: base64 of HMAC-SHA1, keyed
//! with the auth token, over the public URL of the request followed by its POST parameters
//! sorted by name, each name then its value. JSON bodies are signed over the URL alone, and the
//! URL carries `bodySHA256`, the hex SHA-256 of the body, which must match too.
//!
//! Twilio's own validators (twilio-python's `RequestValidator`) fix the details we follow:
//! a name that appears more than once is sorted once and contributes `name + value` for each of
//! its values, in sorted order; and because Twilio signs some URLs with the default port and some
//! without, a signature matching either form is accepted.
//!
//! Without an auth token (the log transport) nothing can be verified: webhooks must be refused.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

/// The header Twilio puts the signature in.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The query parameter that carries the hash of a JSON body.
const BODY_HASH_PARAM: &str = "bodySHA256";

/// The URL Twilio requested: our configured public URL (no trailing slash) and the request's path
/// and query as they arrived. Behind a proxy the server's own idea of its URL is wrong, so the
/// webhook routes always build it from the configuration.
pub fn public_request_url(public_url: &str, path_and_query: &str) -> String {
    format!("{}{path_and_query}", public_url.trim_end_matches('/'))
}

/// The signature Twilio would send for this URL and these form parameters.
pub fn sign<K: AsRef<str>, V: AsRef<str>>(
    auth_token: &str,
    url: &str,
    params: &[(K, V)],
) -> String {
    BASE64.encode(mac(auth_token, url, params))
}

/// Whether `signature` is Twilio's for a form-encoded POST of `params` (decoded from the body, in
/// any order) to `url` (with or without the default port).
pub fn verify_form<K: AsRef<str>, V: AsRef<str>>(
    auth_token: &str,
    url: &str,
    params: &[(K, V)],
    signature: &str,
) -> bool {
    let Ok(given) = BASE64.decode(signature.trim()) else {
        return false;
    };
    // Every variant is computed, so the time taken does not say which one matched.
    url_variants(url)
        .iter()
        .fold(subtle::Choice::from(0), |found, variant| {
            found | mac(auth_token, variant, params).as_slice().ct_eq(&given)
        })
        .into()
}

/// Whether `signature` is Twilio's for a JSON `body` POSTed to `url`: the URL must carry
/// `bodySHA256` equal to the body's SHA-256, and the signature must cover the URL. A URL without
/// `bodySHA256` is refused: nothing would tie the signature to the body.
pub fn verify_json(auth_token: &str, url: &str, body: &[u8], signature: &str) -> bool {
    let Some(claimed) = query_value(url, BODY_HASH_PARAM) else {
        return false;
    };
    let actual = hex(&Sha256::digest(body));
    let hash_ok = actual
        .as_bytes()
        .ct_eq(claimed.to_ascii_lowercase().as_bytes());
    let no_params: &[(&str, &str)] = &[];
    let signature_ok = verify_form(auth_token, url, no_params, signature);
    bool::from(hash_ok) & signature_ok
}

fn mac<K: AsRef<str>, V: AsRef<str>>(auth_token: &str, url: &str, params: &[(K, V)]) -> Vec<u8> {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    // By name, then by value for repeated names; byte order is code point order in UTF-8.
    sorted.sort_unstable();
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()) else {
        return Vec::new();
    };
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac.finalize().into_bytes().to_vec()
}

/// The URL as given, and with the scheme's default port added or removed. Only the text of the
/// authority changes: Twilio signs the URL as written, so it is not re-encoded.
fn url_variants(url: &str) -> Vec<String> {
    let mut variants = vec![url.to_owned()];
    let Some(scheme_end) = url.find("://") else {
        return variants;
    };
    let default_port = match url[..scheme_end].to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return variants,
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    let authority = &url[authority_start..authority_end];
    // The port is after the host; an IPv6 host is in brackets and has colons of its own.
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host_port = &authority[host_start..];
    let after_host = host_port.rfind(']').map_or(0, |i| i + 1);
    let port = host_port[after_host..]
        .rfind(':')
        .map(|i| &host_port[after_host + i + 1..]);
    let (before, after) = (&url[..authority_start], &url[authority_end..]);
    match port {
        Some(p) if p == default_port => {
            let without = &authority[..authority.len() - p.len() - 1];
            variants.push(format!("{before}{without}{after}"));
        }
        Some(_) => {}
        None => variants.push(format!("{before}{authority}:{default_port}{after}")),
    }
    variants
}

fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The vectors from Twilio's own request-validator tests.
    const TOKEN: &str = "12345";
    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const PARAMS: &[(&str, &str)] = &[
        ("From", "+14158675309"),
        ("CallSid", "CA1234567890ABCDE"),
        ("To", "+18005551212"),
        ("Digits", "1234"),
        ("Caller", "+14158675309"),
    ];
    const SIGNED: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    const SIGNED_WITH_443: &str = "kvajT1Ptam85bY51eRf/AJRuM3w=";
    const SIGNED_HTTP_WITH_80: &str = "0ZXoZLH/DfblKGATFgpif+LLRf4=";
    const SIGNED_HTTP_WITH_1234: &str = "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=";
    const JSON_BODY: &str = r#"{"property": "value", "boolean": true}"#;
    const JSON_HASH: &str = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    const JSON_SIGNED: &str = "a9nBmqA0ju/hNViExpshrM61xv4=";

    #[test]
    fn signs_like_twilio() {
        assert_eq!(sign(TOKEN, URL, PARAMS), SIGNED);
        let with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assert_eq!(sign(TOKEN, with_port, PARAMS), SIGNED_WITH_443);
    }

    #[test]
    fn accepts_the_url_with_and_without_the_default_port() {
        let cases: &[(&str, &str, bool)] = &[
            (URL, SIGNED, true),
            (URL, SIGNED_WITH_443, true),
            (
                "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                SIGNED,
                true,
            ),
            (
                "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                SIGNED_WITH_443,
                true,
            ),
            (
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                SIGNED_HTTP_WITH_80,
                true,
            ),
            (
                "http://mycompany.com:80/myapp.php?foo=1&bar=2",
                SIGNED_HTTP_WITH_80,
                true,
            ),
            (
                "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
                SIGNED_HTTP_WITH_1234,
                true,
            ),
            // A port that is not the default is part of the URL: it cannot be dropped...
            (
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                SIGNED_HTTP_WITH_1234,
                false,
            ),
            // ...and https's default port is not http's.
            ("http://mycompany.com/myapp.php?foo=1&bar=2", SIGNED, false),
        ];
        for (url, signature, want) in cases {
            assert_eq!(
                verify_form(TOKEN, url, PARAMS, signature),
                *want,
                "{url} {signature}"
            );
        }
    }

    #[test]
    fn refuses_anything_changed() {
        assert!(!verify_form("54321", URL, PARAMS, SIGNED), "another token");
        assert!(!verify_form(
            TOKEN,
            "https://mycompany.com/myapp.php?foo=2&bar=2",
            PARAMS,
            SIGNED
        ));
        let mut tampered = PARAMS.to_vec();
        tampered[0] = ("From", "+14158675300");
        assert!(
            !verify_form(TOKEN, URL, &tampered, SIGNED),
            "a changed value"
        );
        let mut extra = PARAMS.to_vec();
        extra.push(("Body", "STOP"));
        assert!(
            !verify_form(TOKEN, URL, &extra, SIGNED),
            "an added parameter"
        );
        assert!(
            !verify_form(TOKEN, URL, &PARAMS[1..], SIGNED),
            "a missing parameter"
        );
        for bad in ["", "not base64!", "RSOYDt4T1cUTdK1PDd93/VVr8B8", "UlNPWQ=="] {
            assert!(!verify_form(TOKEN, URL, PARAMS, bad), "{bad:?}");
        }
    }

    #[test]
    fn repeated_names_contribute_each_value_in_order() {
        let url = "https://navdesk.example/sms/inbound";
        let params = [("MediaUrl", "b"), ("Body", "hi"), ("MediaUrl", "a")];
        // Twilio's rule: names sorted, then each value of a name sorted: Body, MediaUrl a, MediaUrl b.
        let expected = {
            let mut mac = Hmac::<Sha1>::new_from_slice(TOKEN.as_bytes()).unwrap();
            mac.update(format!("{url}BodyhiMediaUrlaMediaUrlb").as_bytes());
            BASE64.encode(mac.finalize().into_bytes())
        };
        assert_eq!(sign(TOKEN, url, &params), expected);
        let reordered = [("MediaUrl", "a"), ("MediaUrl", "b"), ("Body", "hi")];
        assert!(verify_form(TOKEN, url, &reordered, &expected));
    }

    #[test]
    fn json_bodies_are_checked_by_hash_and_signature() {
        let url = format!("{URL}&bodySHA256={JSON_HASH}");
        assert!(verify_json(TOKEN, &url, JSON_BODY.as_bytes(), JSON_SIGNED));
        // The same signature for another body: the hash no longer matches.
        let other = r#"{"property": "value", "boolean": false}"#;
        assert!(!verify_json(TOKEN, &url, other.as_bytes(), JSON_SIGNED));
        // A wrong signature over the right body.
        assert!(!verify_json(TOKEN, &url, JSON_BODY.as_bytes(), SIGNED));
        // No hash in the URL: nothing ties the signature to the body.
        assert!(!verify_json(TOKEN, URL, JSON_BODY.as_bytes(), SIGNED));
        // The default port may be added here too.
        let with_port =
            format!("https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256={JSON_HASH}");
        assert!(verify_json(
            TOKEN,
            &with_port,
            JSON_BODY.as_bytes(),
            JSON_SIGNED
        ));
    }

    #[test]
    fn url_variants_touch_only_the_port() {
        assert_eq!(
            url_variants("https://user:pw@[::1]:443/p?x=1#f"),
            [
                "https://user:pw@[::1]:443/p?x=1#f",
                "https://user:pw@[::1]/p?x=1#f"
            ]
        );
        assert_eq!(
            url_variants("HTTPS://a.example?x=%20"),
            ["HTTPS://a.example?x=%20", "HTTPS://a.example:443?x=%20"]
        );
        assert_eq!(
            url_variants("https://a.example:8443/"),
            ["https://a.example:8443/"]
        );
        assert_eq!(url_variants("not a url"), ["not a url"]);
    }

    #[test]
    fn the_public_url_is_joined_without_a_double_slash() {
        assert_eq!(
            public_request_url("https://navdesk.example/", "/sms/inbound?x=1"),
            "https://navdesk.example/sms/inbound?x=1"
        );
    }
}
