;; Teddy, the multi-pattern prefilter of Hyperscan, for up to 8 buckets of 4-byte fingerprints, in WebAssembly
;; SIMD. keyword-scan.ts builds the tables, runs this over a block of log text and checks each place it flags
;; against the keywords themselves: this only says where one of the fingerprints may start, 16 bytes at a time.
;; It also counts the block's newlines on the way, which the caller needs for line numbers.
;;
;; Compiled to teddy-wasm.ts by `npm run build:wasm` (scripts/build-wasm.mjs); a test checks that the two agree.
;;
;; Memory, laid out by the caller:
;;   0..127   the tables: for fingerprint byte j (0..3), 16 bytes indexed by the byte's low nibble, then 16 by
;;            its high nibble; bit b of an entry is set when a fingerprint of bucket b has such a nibble there.
;;            A byte matches bucket b at j when both its nibbles' entries have bit b.
;;   in       the text, followed by at least 19 zero bytes (the last 16-byte step reads 3 bytes beyond it, and
;;            zeros match no fingerprint made of printable bytes).
;;   out      one 12-byte record per 16-byte step where some bucket matched at every fingerprint byte:
;;              u32 the step's offset in the text, u32 the newlines before the step,
;;              u16 which of the step's 16 positions matched, u16 which of them are newlines.
(module
  (memory (export "memory") 1)
  ;; The newlines in the text of the last call.
  (global $newlines (export "newlines") (mut i32) (i32.const 0))
  ;; Returns the number of records written at `out`.
  (func (export "scan") (param $in i32) (param $len i32) (param $out i32) (result i32)
    (local $at i32) (local $newlines i32) (local $record i32) (local $newlineMask i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128)
    (local $lo2 v128) (local $hi2 v128) (local $lo3 v128) (local $hi3 v128)
    (local $lowNibble v128) (local $newline v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $match v128)
    (local.set $lo0 (v128.load (i32.const 0)))
    (local.set $hi0 (v128.load (i32.const 16)))
    (local.set $lo1 (v128.load (i32.const 32)))
    (local.set $hi1 (v128.load (i32.const 48)))
    (local.set $lo2 (v128.load (i32.const 64)))
    (local.set $hi2 (v128.load (i32.const 80)))
    (local.set $lo3 (v128.load (i32.const 96)))
    (local.set $hi3 (v128.load (i32.const 112)))
    (local.set $lowNibble (i8x16.splat (i32.const 15)))
    (local.set $newline (i8x16.splat (i32.const 10)))
    (local.set $record (local.get $out))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $at) (local.get $len)))
        ;; The 16 bytes at each of the step's positions, and the 16 after each by one, two and three bytes.
        (local.set $v0 (v128.load (i32.add (local.get $in) (local.get $at))))
        (local.set $v1 (v128.load offset=1 (i32.add (local.get $in) (local.get $at))))
        (local.set $v2 (v128.load offset=2 (i32.add (local.get $in) (local.get $at))))
        (local.set $v3 (v128.load offset=3 (i32.add (local.get $in) (local.get $at))))
        ;; Per position, the buckets whose fingerprint bytes 0..3 all match there.
        (local.set $match
          (v128.and
            (v128.and
              (v128.and
                (i8x16.swizzle (local.get $lo0) (v128.and (local.get $v0) (local.get $lowNibble)))
                (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $v0) (i32.const 4))))
              (v128.and
                (i8x16.swizzle (local.get $lo1) (v128.and (local.get $v1) (local.get $lowNibble)))
                (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $v1) (i32.const 4)))))
            (v128.and
              (v128.and
                (i8x16.swizzle (local.get $lo2) (v128.and (local.get $v2) (local.get $lowNibble)))
                (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $v2) (i32.const 4))))
              (v128.and
                (i8x16.swizzle (local.get $lo3) (v128.and (local.get $v3) (local.get $lowNibble)))
                (i8x16.swizzle (local.get $hi3) (i8x16.shr_u (local.get $v3) (i32.const 4)))))))
        (local.set $newlineMask (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $newline))))
        (if (v128.any_true (local.get $match))
          (then
            (i32.store (local.get $record) (local.get $at))
            (i32.store offset=4 (local.get $record) (local.get $newlines))
            (i32.store16 offset=8 (local.get $record)
              (i8x16.bitmask (i8x16.ne (local.get $match) (v128.const i32x4 0 0 0 0))))
            (i32.store16 offset=10 (local.get $record) (local.get $newlineMask))
            (local.set $record (i32.add (local.get $record) (i32.const 12)))))
        (local.set $newlines (i32.add (local.get $newlines) (i32.popcnt (local.get $newlineMask))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $step)))
    (global.set $newlines (local.get $newlines))
    (i32.div_u (i32.sub (local.get $record) (local.get $out)) (i32.const 12)))
)
