// IDX parsing: the container format of the MNIST files. A file is a 4-byte magic (0x00 0x00
// <element type> <number of dimensions>), then one big-endian uint32 per dimension, then the
// elements in row-major order. Only unsigned-byte elements (type 0x08, what MNIST uses) are
// accepted. Every header field is checked against the file size before anything is allocated, so
// a corrupt or hostile header yields an error message, never a huge allocation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace mnist {

// Limits on what parse_idx accepts: MNIST needs 3 dimensions and 47,040,000 elements.
inline constexpr std::uint32_t kIdxMaxDims = 4;
inline constexpr std::uint64_t kIdxMaxElements = std::uint64_t(1) << 31;

// A parsed IDX file: dims (outermost first) and the elements, row-major, data.size() == product of
// dims.
struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;
};

// Parses an IDX file held in memory. `name` (a file name or path) starts every error message, e.g.
// "train-images-idx3-ubyte: truncated: header declares 47040000 data bytes, file has 1000".
// Rejects: fewer than 4 bytes, a nonzero first or second magic byte, element types other than
// 0x08, 0 or more than kIdxMaxDims dimensions, a header cut short, a zero dimension, more than
// kIdxMaxElements elements, and a data section shorter or longer than the header declares.
Result<IdxArray> parse_idx(const std::uint8_t* bytes, std::size_t size, const std::string& name);

}  // namespace mnist
