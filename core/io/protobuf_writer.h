// ProtoWriter: the few pieces of the protocol-buffer wire format an exporter needs, written by hand
// (no protobuf library). A message is a sequence of fields, each a key (field number << 3 | wire
// type) as a varint, then the value:
//   varint      (type 0)  integers, 7 bits a byte, low bits first, high bit = "more follows";
//                         a negative int64 is its two's complement: always 10 bytes
//   fixed32     (type 5)  a float, 4 bytes little-endian
//   length-delimited (2)  a varint byte count, then the bytes: strings, nested messages, and
//                         packed repeated floats (also the form of ONNX's raw_data)
// Fields are written in the order called; a reader accepts any order.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mnist {

class ProtoWriter {
 public:
  void varint(int field, std::int64_t value);
  void float32(int field, float value);
  void string(int field, const std::string& value);
  void message(int field, const ProtoWriter& nested);
  // Length-delimited little-endian floats: a packed `repeated float`, or a bytes field of them.
  void packed_floats(int field, const float* values, std::size_t count);

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

 private:
  void key(int field, int wire_type);
  void raw_varint(std::uint64_t value);
  void little_endian(std::uint64_t value, int byte_count);

  std::vector<std::uint8_t> bytes_;
};

}  // namespace mnist
