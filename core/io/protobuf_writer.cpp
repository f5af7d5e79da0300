#include "core/io/protobuf_writer.h"

#include <cstring>

namespace mnist {
namespace {

constexpr int kVarint = 0, kLengthDelimited = 2, kFixed32 = 5;

}  // namespace

void ProtoWriter::key(int field, int wire_type) {
  raw_varint((std::uint64_t(field) << 3) | std::uint64_t(wire_type));
}

void ProtoWriter::raw_varint(std::uint64_t value) {
  while (value >= 0x80) {
    bytes_.push_back(std::uint8_t(value | 0x80));
    value >>= 7;
  }
  bytes_.push_back(std::uint8_t(value));
}

void ProtoWriter::little_endian(std::uint64_t value, int byte_count) {
  for (int i = 0; i < byte_count; ++i) bytes_.push_back(std::uint8_t(value >> (8 * i)));
}

void ProtoWriter::varint(int field, std::int64_t value) {
  key(field, kVarint);
  raw_varint(std::uint64_t(value));  // two's complement, as protobuf's int64
}

void ProtoWriter::float32(int field, float value) {
  key(field, kFixed32);
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  little_endian(bits, 4);
}

void ProtoWriter::string(int field, const std::string& value) {
  key(field, kLengthDelimited);
  raw_varint(value.size());
  bytes_.insert(bytes_.end(), value.begin(), value.end());
}

void ProtoWriter::message(int field, const ProtoWriter& nested) {
  key(field, kLengthDelimited);
  raw_varint(nested.bytes_.size());
  bytes_.insert(bytes_.end(), nested.bytes_.begin(), nested.bytes_.end());
}

void ProtoWriter::packed_floats(int field, const float* values, std::size_t count) {
  key(field, kLengthDelimited);
  raw_varint(std::uint64_t(count) * 4);
  bytes_.reserve(bytes_.size() + count * 4);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    little_endian(bits, 4);
  }
}

}  // namespace mnist
