// IDX parsing (see idx.h): header validation in file order, then one copy of the data section.
#include "core/data/idx.h"

#include <cstdio>

namespace mnist {
namespace {

// Element type codes defined by the IDX format; nullptr for codes it does not define.
const char* idx_type_name(std::uint8_t code) {
  switch (code) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "int16";
    case 0x0C: return "int32";
    case 0x0D: return "float32";
    case 0x0E: return "float64";
    default: return nullptr;
  }
}

std::string hex_byte(std::uint8_t value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", value);
  return text;
}

Error fail(const std::string& name, const std::string& problem) {
  return Error{name + ": " + problem};
}

std::uint32_t read_be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         std::uint32_t(p[3]);
}

}  // namespace

Result<IdxArray> parse_idx(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (size < 4) {
    return fail(name, "too short for an IDX header: " + std::to_string(size) +
                          " bytes, the magic number alone needs 4");
  }
  if (bytes[0] != 0 || bytes[1] != 0) {
    return fail(name, "not an IDX file: magic starts with " + hex_byte(bytes[0]) + " " +
                          hex_byte(bytes[1]) + ", expected 0x00 0x00");
  }
  const std::uint8_t type = bytes[2];
  if (type != 0x08) {
    const char* type_name = idx_type_name(type);
    if (!type_name) return fail(name, "unknown IDX element type " + hex_byte(type));
    return fail(name, std::string("unsupported IDX element type ") + hex_byte(type) + " (" +
                          type_name + "): only 0x08 (unsigned byte) is supported");
  }
  const std::uint32_t ndims = bytes[3];
  if (ndims == 0 || ndims > kIdxMaxDims) {
    return fail(name, "unsupported number of dimensions " + std::to_string(ndims) +
                          ": expected 1 to " + std::to_string(kIdxMaxDims));
  }
  const std::size_t header_size = 4 + 4 * std::size_t(ndims);
  if (size < header_size) {
    return fail(name, "truncated header: " + std::to_string(ndims) + " dimensions need " +
                          std::to_string(header_size) + " bytes, file has " +
                          std::to_string(size));
  }

  IdxArray array;
  array.dims.resize(ndims);
  // Every partial product stays <= kIdxMaxElements (2^31) before the next multiply by a 32-bit
  // dimension, so the 64-bit product never overflows.
  std::uint64_t element_count = 1;
  for (std::uint32_t d = 0; d < ndims; ++d) {
    const std::uint32_t dim = read_be32(bytes + 4 + 4 * d);
    if (dim == 0) return fail(name, "dimension " + std::to_string(d) + " is zero");
    element_count *= dim;
    if (element_count > kIdxMaxElements) {
      return fail(name, "header declares more than " + std::to_string(kIdxMaxElements) +
                            " elements (dimension " + std::to_string(d) + " is " +
                            std::to_string(dim) + ")");
    }
    array.dims[d] = dim;
  }

  const std::uint64_t data_size = size - header_size;  // element type 0x08: one byte each
  if (data_size < element_count) {
    return fail(name, "truncated: header declares " + std::to_string(element_count) +
                          " data bytes, file has " + std::to_string(data_size));
  }
  if (data_size > element_count) {
    return fail(name, "trailing bytes: header declares " + std::to_string(element_count) +
                          " data bytes, file has " + std::to_string(data_size));
  }
  array.data.assign(bytes + header_size, bytes + size);
  return array;
}

}  // namespace mnist
