//! The index's large arrays of plain numbers, stored as one little-endian byte string each.
//!
//! postcard writes a `Vec<Posting>` as seven varints per posting and reads it back one field at
//! a time; as bytes, reading an array is one length check and a tight copy loop. This is what
//! keeps reading the pre-built index at start-up cheap (README, "Start-up"). Hand-written rather
//! than `bytemuck`/`zerocopy` casts: those need `unsafe`-adjacent derives and alignment the
//! embedded bytes do not promise, and these few impls are all it takes.

use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{Error, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

/// A fixed-size value with a little-endian byte form.
pub(super) trait Packed: Sized {
    const SIZE: usize;
    fn pack(&self, out: &mut Vec<u8>);
    /// Reads one value from exactly [`Self::SIZE`] bytes; `None` if they do not form one.
    fn unpack(bytes: &[u8]) -> Option<Self>;
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[i * 4..i * 4 + 4]);
    u32::from_le_bytes(b)
}

impl Packed for u32 {
    const SIZE: usize = 4;
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        Some(u32_at(bytes, 0))
    }
}

impl Packed for f32 {
    const SIZE: usize = 4;
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        Some(f32::from_bits(u32_at(bytes, 0)))
    }
}

impl Packed for char {
    const SIZE: usize = 4;
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&u32::from(*self).to_le_bytes());
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        char::from_u32(u32_at(bytes, 0))
    }
}

impl Packed for bool {
    const SIZE: usize = 1;
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        match bytes[0] {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Packed for Range<u32> {
    const SIZE: usize = 8;
    fn pack(&self, out: &mut Vec<u8>) {
        self.start.pack(out);
        self.end.pack(out);
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        Some(u32_at(bytes, 0)..u32_at(bytes, 1))
    }
}

/// Implements [`Packed`] for a struct whose fields are all `u32`-sized numbers.
macro_rules! packed_u32_struct {
    ($ty:ty { $($field:ident),+ }) => {
        impl $crate::search::packed::Packed for $ty {
            const SIZE: usize = 4 * [$(stringify!($field)),+].len();
            fn pack(&self, out: &mut Vec<u8>) {
                $( out.extend_from_slice(&self.$field.to_le_bytes()); )+
            }
            fn unpack(bytes: &[u8]) -> Option<Self> {
                let mut words = bytes
                    .chunks_exact(4)
                    .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
                Some(Self { $( $field: words.next()?, )+ })
            }
        }
    };
}
pub(crate) use packed_u32_struct;

/// `#[serde(with = "packed")]` for a `Vec<T: Packed>`: one byte string.
pub(super) fn serialize<S: Serializer, T: Packed>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(values.len() * T::SIZE);
    for v in values {
        v.pack(&mut bytes);
    }
    s.serialize_bytes(&bytes)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>, T: Packed>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_bytes(PackedVisitor(PhantomData))
}

struct PackedVisitor<T>(PhantomData<T>);

impl<T: Packed> PackedVisitor<T> {
    fn read<E: Error>(bytes: &[u8]) -> Result<Vec<T>, E> {
        if !bytes.len().is_multiple_of(T::SIZE) {
            return Err(E::invalid_length(
                bytes.len(),
                &"a whole number of packed values",
            ));
        }
        // A loop rather than `collect::<Result<Vec<_>, _>>()`, whose size hint is 0: that grew
        // the vector by doubling (a realloc and a copy each time) on every start-up.
        let mut values = Vec::with_capacity(bytes.len() / T::SIZE);
        for chunk in bytes.chunks_exact(T::SIZE) {
            values.push(T::unpack(chunk).ok_or_else(|| E::custom("a packed value out of range"))?);
        }
        Ok(values)
    }
}

impl<'de, T: Packed> Visitor<'de> for PackedVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a byte string of packed values")
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
        Self::read(bytes)
    }

    /// Self-describing formats (JSON) write bytes as a list of numbers.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut bytes = Vec::new();
        while let Some(b) = seq.next_element::<u8>()? {
            bytes.push(b);
        }
        Self::read(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Arrays {
        #[serde(with = "super")]
        words: Vec<u32>,
        #[serde(with = "super")]
        chars: Vec<char>,
        #[serde(with = "super")]
        flags: Vec<bool>,
        #[serde(with = "super")]
        ranges: Vec<Range<u32>>,
        #[serde(with = "super")]
        weights: Vec<f32>,
    }

    fn sample() -> Arrays {
        Arrays {
            words: vec![0, 1, 300, u32::MAX],
            chars: "aé—😀".chars().collect(),
            flags: vec![true, false, true],
            ranges: vec![0..3, 7..70_000],
            weights: vec![0.5, 3.0, -1.25],
        }
    }

    #[test]
    fn arrays_round_trip_through_postcard_and_json() {
        let a = sample();
        let bytes = postcard::to_allocvec(&a).unwrap();
        assert_eq!(postcard::from_bytes::<Arrays>(&bytes).unwrap(), a);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Arrays>(&json).unwrap(), a);
    }

    #[test]
    fn a_cut_or_invalid_array_is_an_error_not_a_panic() {
        #[derive(Debug, serde::Deserialize)]
        struct Chars(#[serde(with = "super")] Vec<char>);
        // A whole char reads back.
        let ok = postcard::from_bytes::<Chars>(&[4, 97, 0, 0, 0]).unwrap();
        assert_eq!(ok.0, vec!['a']);
        // 5 bytes: not a whole number of chars.
        assert!(postcard::from_bytes::<Chars>(&[5, 97, 0, 0, 0, 98]).is_err());
        // 0xD800 is a surrogate, not a char.
        assert!(postcard::from_bytes::<Chars>(&[4, 0x00, 0xD8, 0, 0]).is_err());
    }
}
