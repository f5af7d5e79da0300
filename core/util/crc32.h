// CRC-32 (the zlib/PNG polynomial 0xEDB88320), for model-file integrity checks. Plain C++ so it
// runs the same in WebAssembly, where zlib is not linked.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mnist {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace mnist
