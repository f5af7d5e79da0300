#include "core/io/model_file.h"

#include <cstring>
#include <string>

#include "core/util/crc32.h"

namespace mnist {
namespace {

constexpr char kMagic[8] = {'M', 'N', 'I', 'S', 'T', 'P', 'G', '\0'};
constexpr std::uint32_t kFlagOptimizer = 1;

class Writer {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(std::uint8_t(v >> (8 * i)));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(std::uint8_t(v >> (8 * i)));
  }
  void floats(const std::vector<float>& values) {
    for (float f : values) {
      std::uint32_t bits;
      std::memcpy(&bits, &f, 4);
      u32(bits);
    }
  }
  std::vector<std::uint8_t>& out() { return out_; }

 private:
  std::vector<std::uint8_t> out_;
};

class Reader {
 public:
  Reader(const std::uint8_t* p, std::size_t n) : p_(p), n_(n) {}
  bool has(std::size_t k) const { return n_ - pos_ >= k; }
  std::size_t remaining() const { return n_ - pos_; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t(p_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t(p_[pos_ + i]) << (8 * i);
    pos_ += 8;
    return v;
  }
  std::string text(std::size_t k) {
    std::string s(reinterpret_cast<const char*>(p_ + pos_), k);
    pos_ += k;
    return s;
  }
  std::vector<float> floats(std::size_t k) {
    std::vector<float> values(k);
    for (auto& f : values) {
      const std::uint32_t bits = u32();
      std::memcpy(&f, &bits, 4);
    }
    return values;
  }

 private:
  const std::uint8_t* p_;
  std::size_t n_, pos_ = 0;
};

Error corrupt(const std::string& why) { return Error{"model file is corrupt: " + why}; }

}  // namespace

std::vector<std::uint8_t> encode_model_file(const ModelFile& file) {
  Writer w;
  w.bytes(kMagic, sizeof kMagic);
  w.u32(kModelFileVersion);
  w.u32(file.has_optimizer_state ? kFlagOptimizer : 0);
  const std::string config = config_to_text(file.config);
  w.u32(std::uint32_t(config.size()));
  w.bytes(config.data(), config.size());
  w.u32(std::uint32_t(file.epochs_completed));
  w.u64(std::uint64_t(file.samples_seen));
  w.u64(file.parameters.size());
  w.floats(file.parameters);
  if (file.has_optimizer_state) {
    w.u64(std::uint64_t(file.optimizer_steps));
    w.u64(file.optimizer_state.size());
    w.floats(file.optimizer_state);
  }
  w.u32(crc32(w.out().data(), w.out().size()));
  return std::move(w.out());
}

Result<ModelFile> decode_model_file(const std::uint8_t* bytes, std::size_t size) {
  constexpr std::size_t kHeader = sizeof kMagic + 4 + 4 + 4;
  if (size < sizeof kMagic || std::memcmp(bytes, kMagic, sizeof kMagic) != 0)
    return Error{"not a model file (it does not start with the MNISTPG signature)"};
  if (size < kHeader + 4) return corrupt("truncated header (" + std::to_string(size) + " bytes)");
  Reader r(bytes + sizeof kMagic, size - sizeof kMagic);
  const std::uint32_t version = r.u32();
  // Checked before the CRC: a newer format may lay out (and sign) the rest differently, and the
  // useful advice is to update, not that the file is corrupt.
  if (version > kModelFileVersion)
    return Error{"model file version " + std::to_string(version) +
                 " is newer than this engine reads (version " + std::to_string(kModelFileVersion) +
                 "): update mnist-playground"};
  if (version != kModelFileVersion)
    return Error{"model file format version " + std::to_string(version) + " is not supported (" +
                 "this build reads version " + std::to_string(kModelFileVersion) + ")"};
  std::uint32_t stored_crc = 0;
  for (int i = 0; i < 4; ++i) stored_crc |= std::uint32_t(bytes[size - 4 + i]) << (8 * i);
  if (crc32(bytes, size - 4) != stored_crc)
    return corrupt("checksum mismatch (the file is truncated or was modified)");

  // The body runs from the flags (after magic and version) to just before the CRC.
  constexpr std::size_t kBodyStart = sizeof kMagic + 4;
  Reader body(bytes + kBodyStart, size - 4 - kBodyStart);
  ModelFile file;
  const std::uint32_t flags = body.u32();
  if (flags & ~kFlagOptimizer) return corrupt("unknown flags " + std::to_string(flags));
  const std::uint32_t config_size = body.u32();
  if (!body.has(config_size)) return corrupt("config length exceeds the file");
  auto config = config_from_text(body.text(config_size));
  if (!config) return Error{"model file config: " + config.error()};
  file.config = *config;
  if (!body.has(4 + 8 + 8)) return corrupt("truncated before the parameters");
  file.epochs_completed = int(body.u32());
  file.samples_seen = std::int64_t(body.u64());
  const std::uint64_t count = body.u64();
  if (count > body.remaining() / 4) return corrupt("parameter count exceeds the file");
  file.parameters = body.floats(std::size_t(count));
  if (flags & kFlagOptimizer) {
    if (!body.has(16)) return corrupt("truncated optimizer state");
    file.has_optimizer_state = true;
    file.optimizer_steps = std::int64_t(body.u64());
    const std::uint64_t state = body.u64();
    if (state > body.remaining() / 4) return corrupt("optimizer state count exceeds the file");
    file.optimizer_state = body.floats(std::size_t(state));
  }
  if (body.remaining() != 0)
    return corrupt(std::to_string(body.remaining()) + " unexpected bytes after the data");
  return file;
}

}  // namespace mnist
