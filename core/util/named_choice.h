// A value a setting can take: its name (in specs, configs, model files and URLs) and an English
// label for menus. The page's catalogues translate labels; the engine's is the fallback.
#pragma once
#include <string>
#include <vector>

namespace mnist {

struct NamedChoice {
  const char* name;
  const char* label;
};

// "a, b or c": the names as an error message lists them.
inline std::string join_choice_names(const std::vector<NamedChoice>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i) out += i + 1 == choices.size() ? " or " : ", ";
    out += choices[i].name;
  }
  return out;
}

}  // namespace mnist
