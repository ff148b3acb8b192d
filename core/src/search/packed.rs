//! The index's large arrays of plain numbers, stored as one little-endian byte string each.
//!
//! postcard writes a `Vec<Posting>` as seven varints per posting and reads it back one field at
//! a time; as bytes, an array is one length check and one pass that checks its values, and a
//! [`PackedVec`] then reads them in place from the binary, never copying them to the heap. This
//! is what keeps reading the pre-built index at start-up cheap (README, "Performance"). Hand-written rather
//! than `bytemuck`/`zerocopy` casts: those need `unsafe`-adjacent derives and alignment the
//! embedded bytes do not promise, and these few impls are all it takes.

use std::borrow::Cow;
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{Error, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A fixed-size value with a little-endian byte form.
pub(super) trait Packed: Sized {
    const SIZE: usize;
    /// Whether [`Self::SIZE`] bytes form a value. Every bit pattern is a number, so only types
    /// with invalid patterns (`char`, `bool`) check anything: reading the embedded index then
    /// costs no pass over its numbers.
    fn is_valid(_bytes: &[u8]) -> bool {
        true
    }
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
    fn is_valid(bytes: &[u8]) -> bool {
        Self::unpack(bytes).is_some()
    }
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&u32::from(*self).to_le_bytes());
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        char::from_u32(u32_at(bytes, 0))
    }
}

impl Packed for bool {
    const SIZE: usize = 1;
    fn is_valid(bytes: &[u8]) -> bool {
        Self::unpack(bytes).is_some()
    }
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

/// An array of `T` kept in its packed byte form and read in place: borrowed from the binary
/// when the embedded index is read (no copy, no allocation, no fresh heap pages to touch at
/// start-up: README, "Performance"), owned when an index is built at run time. Every value is
/// checked once when the bytes are read, so reading one back cannot fail.
pub(super) struct PackedVec<'a, T> {
    bytes: Cow<'a, [u8]>,
    values: PhantomData<T>,
}

impl<'a, T: Packed> PackedVec<'a, T> {
    pub(super) fn from_values(values: &[T]) -> Self {
        let mut bytes = Vec::with_capacity(values.len() * T::SIZE);
        for v in values {
            v.pack(&mut bytes);
        }
        PackedVec::unchecked(Cow::Owned(bytes))
    }

    fn unchecked(bytes: Cow<'a, [u8]>) -> Self {
        PackedVec {
            bytes,
            values: PhantomData,
        }
    }

    /// The array these bytes hold, or what is wrong with them.
    fn checked<E: Error>(bytes: Cow<'a, [u8]>) -> Result<Self, E> {
        if !bytes.len().is_multiple_of(T::SIZE) {
            return Err(E::invalid_length(
                bytes.len(),
                &"a whole number of packed values",
            ));
        }
        if !bytes.chunks_exact(T::SIZE).all(T::is_valid) {
            return Err(E::custom("a packed value out of range"));
        }
        Ok(PackedVec::unchecked(bytes))
    }

    pub(super) fn len(&self) -> usize {
        self.bytes.len() / T::SIZE
    }

    /// The `i`th value; panics when `i` is out of bounds, as indexing a slice does.
    pub(super) fn get(&self, i: usize) -> T {
        T::unpack(&self.bytes[i * T::SIZE..(i + 1) * T::SIZE]).expect(CHECKED)
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = T> + '_ {
        self.bytes
            .chunks_exact(T::SIZE)
            .map(|c| T::unpack(c).expect(CHECKED))
    }

    /// The values in `range`, borrowed; panics when it is out of bounds, as slicing does.
    pub(super) fn slice(&self, range: Range<usize>) -> PackedVec<'_, T> {
        PackedVec::unchecked(Cow::Borrowed(
            &self.bytes[range.start * T::SIZE..range.end * T::SIZE],
        ))
    }

    /// The index of the first value for which `pred` is false, the values being partitioned
    /// (all `true` first), as [`slice::partition_point`].
    pub(super) fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(&self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

const CHECKED: &str = "packed values are checked when read";

impl<T> Default for PackedVec<'_, T> {
    fn default() -> Self {
        PackedVec {
            bytes: Cow::Owned(Vec::new()),
            values: PhantomData,
        }
    }
}

impl<T> Clone for PackedVec<'_, T> {
    fn clone(&self) -> Self {
        PackedVec {
            bytes: self.bytes.clone(),
            values: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for PackedVec<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackedVec")
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl<T: Packed> Serialize for PackedVec<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.bytes)
    }
}

impl<'de: 'a, 'a, T: Packed> Deserialize<'de> for PackedVec<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_bytes(PackedVecVisitor(PhantomData))
    }
}

struct PackedVecVisitor<'a, T>(PhantomData<(&'a (), T)>);

impl<'de: 'a, 'a, T: Packed> Visitor<'de> for PackedVecVisitor<'a, T> {
    type Value = PackedVec<'a, T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a byte string of packed values")
    }

    /// postcard reading the embedded index: the bytes stay where they are.
    fn visit_borrowed_bytes<E: Error>(self, bytes: &'de [u8]) -> Result<Self::Value, E> {
        PackedVec::checked(Cow::Borrowed(bytes))
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
        PackedVec::checked(Cow::Owned(bytes.to_vec()))
    }

    /// Self-describing formats (JSON) write bytes as a list of numbers.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut bytes = Vec::new();
        while let Some(b) = seq.next_element::<u8>()? {
            bytes.push(b);
        }
        PackedVec::checked(Cow::Owned(bytes))
    }
}

/// `#[serde(with = "packed")]` for a `Vec<T: Packed>`, an array unpacked when read (the typo
/// search wants `&[char]`): the same byte string as a [`PackedVec`], written and checked by it.
pub(super) fn serialize<S: Serializer, T: Packed>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
    PackedVec::from_values(values).serialize(s)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>, T: Packed>(d: D) -> Result<Vec<T>, D::Error> {
    // The iterator knows its length, so the vector is sized once.
    Ok(PackedVec::<'de, T>::deserialize(d)?.iter().collect())
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

    #[derive(serde::Serialize, serde::Deserialize)]
    struct InPlace<'a> {
        #[serde(borrow)]
        words: PackedVec<'a, u32>,
        #[serde(borrow)]
        chars: PackedVec<'a, char>,
    }

    #[test]
    fn packed_vecs_read_in_place_from_the_binary_and_copy_only_from_json() {
        let values = InPlace {
            words: PackedVec::from_values(&[1, 300, 70_000, u32::MAX]),
            chars: PackedVec::from_values(&['a', 'é', '—']),
        };
        let bytes: &'static [u8] =
            Box::leak(postcard::to_allocvec(&values).unwrap().into_boxed_slice());
        let read: InPlace<'static> = postcard::from_bytes(bytes).unwrap();
        assert!(matches!(read.words.bytes, Cow::Borrowed(_)), "copied");
        assert!(matches!(read.chars.bytes, Cow::Borrowed(_)), "copied");
        assert_eq!(
            read.words.iter().collect::<Vec<_>>(),
            [1, 300, 70_000, u32::MAX]
        );
        assert_eq!(read.chars.iter().collect::<String>(), "aé—");
        assert_eq!((read.words.len(), read.words.get(2)), (4, 70_000));
        let tail = read.words.slice(1..3);
        assert_eq!(tail.iter().collect::<Vec<_>>(), [300, 70_000]);
        assert_eq!(read.words.partition_point(|&w| w < 300), 1);
        assert_eq!(read.words.partition_point(|&w| w < 301), 2);
        let json = serde_json::to_string(&values).unwrap();
        let owned: InPlace = serde_json::from_str(&json).unwrap();
        assert!(matches!(owned.words.bytes, Cow::Owned(_)));
        assert_eq!(
            owned.words.iter().collect::<Vec<_>>(),
            [1, 300, 70_000, u32::MAX]
        );
    }

    #[test]
    fn a_packed_vec_of_bad_bytes_is_an_error_when_read_not_a_panic_later() {
        #[derive(Debug, serde::Deserialize)]
        struct Chars<'a>(#[serde(borrow)] PackedVec<'a, char>);
        let ok = postcard::from_bytes::<Chars>(&[4, 97, 0, 0, 0]).unwrap();
        assert_eq!(ok.0.iter().collect::<String>(), "a");
        assert!(postcard::from_bytes::<Chars>(&[5, 97, 0, 0, 0, 98]).is_err());
        assert!(postcard::from_bytes::<Chars>(&[4, 0x00, 0xD8, 0, 0]).is_err());
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
