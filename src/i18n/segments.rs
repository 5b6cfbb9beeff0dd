//! How carriers count a text: in GSM-7 when every character is in the GSM 03.38 alphabet
//! (extension characters take two units), otherwise in UCS-2 (UTF-16 code units). One segment
//! holds 160 GSM units or 70 UCS-2 units; a longer text is split into segments of 153 or 67.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentCount {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    pub segments: usize,
}

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

fn gsm_units(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

pub fn count(text: &str) -> SegmentCount {
    let gsm: Option<usize> = text.chars().map(gsm_units).sum();
    let (encoding, units, single, multi) = match gsm {
        Some(units) => (Encoding::Gsm7, units, 160, 153),
        None => (Encoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        u if u <= single => 1,
        u => u.div_ceil(multi),
    };
    SegmentCount {
        encoding,
        units,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_a_carrier() {
        let cases: &[(String, Encoding, usize, usize)] = &[
            (String::new(), Encoding::Gsm7, 0, 0),
            ("Hello".into(), Encoding::Gsm7, 5, 1),
            ("a".repeat(160), Encoding::Gsm7, 160, 1),
            ("a".repeat(161), Encoding::Gsm7, 161, 2),
            ("a".repeat(306), Encoding::Gsm7, 306, 2),
            ("a".repeat(307), Encoding::Gsm7, 307, 3),
            // Extension characters take two septets.
            ("€".repeat(80), Encoding::Gsm7, 160, 1),
            ("{}".repeat(41), Encoding::Gsm7, 164, 2),
            // Accents in the GSM table keep GSM-7; others switch to UCS-2.
            ("¿Qué tal? Ñandú".into(), Encoding::Ucs2, 15, 1),
            ("èéùìò".into(), Encoding::Gsm7, 5, 1),
            ("ሰላም".repeat(23), Encoding::Ucs2, 69, 1),
            ("ሰላም".repeat(24), Encoding::Ucs2, 72, 2),
            ("م".repeat(134), Encoding::Ucs2, 134, 2),
            ("م".repeat(135), Encoding::Ucs2, 135, 3),
            // Outside the BMP a character is two UTF-16 units.
            ("😀".into(), Encoding::Ucs2, 2, 1),
            ("Tiếng Việt".into(), Encoding::Ucs2, 10, 1),
        ];
        for (text, encoding, units, segments) in cases {
            let got = count(text);
            assert_eq!(
                (got.encoding, got.units, got.segments),
                (*encoding, *units, *segments),
                "{text:?}"
            );
        }
    }
}
