#!/usr/bin/env bash
# Makes the DICOM test files of DicomDecodingTest with Debian's dcmtk and GDCM (apt-get install
# dcmtk libgdcm-tools) and python3 (no modules): synthetic 16x16 images whose pixel values follow
# simple formulas, which the test recomputes on its own. Run it from any folder; it writes next to
# itself, the same bytes each time. The files are committed, so the build needs none of the tools.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Stored values, row by row from the top left, little endian:
#   ramp12.raw  unsigned 16-bit, 12 bits used: (16 x + y) * 16           -> 0 .. 4080
#   signed.raw  signed 16-bit:                 (16 x + y) * 8 - 1024     -> -1024 .. 1016
#   ramp8.raw   unsigned 8-bit:                16 x + y                  -> 0 .. 255
python3 - "$work" <<'EOF'
import struct, sys
out = sys.argv[1]
pixels = [(x, y) for y in range(16) for x in range(16)]
open(out + '/ramp12.raw', 'wb').write(b''.join(struct.pack('<H', (16 * x + y) * 16) for x, y in pixels))
open(out + '/signed.raw', 'wb').write(b''.join(struct.pack('<h', (16 * x + y) * 8 - 1024) for x, y in pixels))
open(out + '/ramp8.raw', 'wb').write(bytes(16 * x + y for x, y in pixels))
EOF

# header FILE PHOTOMETRIC BITS_ALLOCATED BITS_STORED SIGNED EXTRA_LINES: a dump2dcm input.
header() {
  cat > "$1" <<EOF
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.1028.$(cksum <<< "$(basename "$1")" | cut -d" " -f1)]
(0008,0060) CS [DX]
(0008,0070) LO [Acme Imaging]
(0010,0020) LO [PAT-0042]
(0018,5101) CS [PA]
(0020,000d) UI [1.2.826.0.1.3680043.10.1028.1]
(0020,000e) UI [1.2.826.0.1.3680043.10.1028.2]
(0028,0002) US 1
(0028,0004) CS [$2]
(0028,0010) US 16
(0028,0011) US 16
(0028,0100) US $3
(0028,0101) US $4
(0028,0102) US $(($4 - 1))
(0028,0103) US $5
$6
EOF
}

# window.dcm: 12 bits in 16, Rescale Intercept -1000 (slope 1), window centre 1000 width 2001,
# explicit VR little endian, with patient id, view position and manufacturer.
header "$work/window.dump" MONOCHROME2 16 12 0 "(0028,1050) DS [1000]
(0028,1051) DS [2001]
(0028,1052) DS [-1000]
(0028,1053) DS [1]
(7fe0,0010) OW =$work/ramp12.raw"
dump2dcm +te "$work/window.dump" window.dcm

# rescale.dcm: signed 16-bit, Rescale Slope 2 and Intercept -1024, window centre 0 width 4000,
# implicit VR little endian.
header "$work/rescale.dump" MONOCHROME2 16 16 1 "(0028,1050) DS [0]
(0028,1051) DS [4000]
(0028,1052) DS [-1024]
(0028,1053) DS [2]
(7fe0,0010) OW =$work/signed.raw"
dump2dcm +ti "$work/rescale.dump" rescale.dcm

# minmax-16bit.dcm: the 12-bit ramp without window or rescale, explicit VR big endian: the range
# of the values spans the output.
header "$work/minmax.dump" MONOCHROME2 16 12 0 "(7fe0,0010) OW =$work/ramp12.raw"
dump2dcm +tb "$work/minmax.dump" minmax-16bit.dcm

# monochrome1.dcm: 8-bit ramp, no window (so its range), MONOCHROME1 set by dcmodify.
header "$work/mono1.dump" MONOCHROME2 8 8 0 "(7fe0,0010) OB =$work/ramp8.raw"
dump2dcm +te "$work/mono1.dump" monochrome1.dcm
dcmodify -nb -m "(0028,0004)=MONOCHROME1" monochrome1.dcm

# JPEG Lossless copies, decoded: window.dcm with the first-order predictor (1.2.840.10008.1.2.4.70),
# rescale.dcm (signed) with predictor 6 (1.2.840.10008.1.2.4.57).
dcmcjpeg +e1 window.dcm jpeg-lossless.dcm
dcmcjpeg +el +sv 6 rescale.dcm jpeg-lossless-sv6.dcm
# sequence-jpeg-lossless.dcm: window.dcm's image with a Procedure Code Sequence nesting another
# sequence, all of undefined length, before the pixel data; JPEG Lossless with undefined lengths.
header "$work/sequence.dump" MONOCHROME2 16 12 0 "(0008,1032) SQ (Sequence with undefined length)
(fffe,e000) na (Item with undefined length)
(0008,0100) SH [XRCHEST]
(0008,0102) SH [LOCAL]
(0040,a170) SQ (Sequence with undefined length)
(fffe,e000) na (Item with undefined length)
(0008,0104) LO [Purpose]
(fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(0028,1050) DS [1000]
(0028,1051) DS [2001]
(0028,1052) DS [-1000]
(0028,1053) DS [1]
(7fe0,0010) OW =$work/ramp12.raw"
dump2dcm +te -e "$work/sequence.dump" "$work/sequence.dcm"
dcmcjpeg +e1 -e "$work/sequence.dcm" sequence-jpeg-lossless.dcm

# JPEG 2000 copies, decoded (dcmtk writes no JPEG 2000, so GDCM's gdcmconv): window.dcm and the
# signed rescale.dcm losslessly (1.2.840.10008.1.2.4.90), window.dcm lossy at rate 10
# (1.2.840.10008.1.2.4.91; gdcmconv gives a lossy copy a new random SOP Instance UID, fixed here
# so that the bytes repeat).
gdcmconv --j2k window.dcm jpeg2000.dcm
gdcmconv --j2k rescale.dcm jpeg2000-signed.dcm
gdcmconv --j2k --lossy -r 10 window.dcm jpeg2000-lossy.dcm > /dev/null # it warns of the loss
dcmodify -nb -m "(0008,0018)=1.2.826.0.1.3680043.10.1028.91" jpeg2000-lossy.dcm
# corrupt-jpeg2000.dcm: jpeg2000.dcm whose codestream's SIZ marker (FF51, right after the SOC
# marker FF4F) is overwritten with zeros: the DICOM structure is intact, the stream is not.
python3 - <<'EOF'
data = bytearray(open('jpeg2000.dcm', 'rb').read())
soc = data.index(b'\xff\x4f\xff\x51')
data[soc + 2:soc + 4] = b'\0\0'
open('corrupt-jpeg2000.dcm', 'wb').write(data)
EOF

# Compressed copies of window.dcm that are refused with their transfer syntax named.
dcmcjpls window.dcm jpeg-ls.dcm               # 1.2.840.10008.1.2.4.80
dcmcrle window.dcm rle.dcm                    # 1.2.840.10008.1.2.5
# htj2k.dcm: jpeg2000.dcm relabelled High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201), which no
# tool here writes: the Transfer Syntax UID grows from 22 to 24 bytes (padded with a zero), and
# the meta group's length (0002,0000) with it.
python3 - <<'EOF'
import struct
data = bytearray(open('jpeg2000.dcm', 'rb').read())
old = b'\x02\x00\x10\x00UI' + struct.pack('<H', 22) + b'1.2.840.10008.1.2.4.90'
new = b'\x02\x00\x10\x00UI' + struct.pack('<H', 24) + b'1.2.840.10008.1.2.4.201\0'
at = data.index(old)
data[at:at + len(old)] = new
group = data.index(b'\x02\x00\x00\x00UL\x04\x00') + 8
data[group:group + 4] = struct.pack('<I', struct.unpack('<I', data[group:group + 4])[0] + 2)
open('htj2k.dcm', 'wb').write(data)
EOF
# size-mismatch.dcm: jpeg-lossless.dcm whose header claims 17 rows while its stream holds 16.
cp jpeg-lossless.dcm size-mismatch.dcm
dcmodify -nb -m "(0028,0010)=17" size-mismatch.dcm
# truncated-jpeg-lossless.dcm: jpeg-lossless.dcm cut inside its compressed stream.
head -c 1000 jpeg-lossless.dcm > truncated-jpeg-lossless.dcm

# truncated.dcm: window.dcm cut in the middle of its pixel data.
head -c 800 window.dcm > truncated.dcm

# corrupt.dcm: the DICOM preamble and magic, Rows, then an element of unknown type (UN) declaring
# 2^31 - 1 bytes in a file of 170: no reader can hold it.
python3 - <<'EOF'
import struct
rows = struct.pack('<HH', 0x0028, 0x0010) + b'US' + struct.pack('<H', 2) + struct.pack('<H', 16)
huge = struct.pack('<HH', 0x0009, 0x0010) + b'UN' + b'\0\0' + struct.pack('<I', 0x7FFFFFFF) + b'x' * 16
open('corrupt.dcm', 'wb').write(b'\0' * 128 + b'DICM' + rows + huge)
EOF

# not-dicom.dcm: text with a DICOM name.
printf 'patient notes, not an image\n' > not-dicom.dcm

ls -l ./*.dcm
