#include "api/commands/export_command.h"

#include <fstream>

#include "api/app.h"
#include "api/commands/flags.h"
#include "core/json_codec.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    R"(usage: qiancheng export --kind KIND [--data-dir DIR] [--out FILE]
Writes every entity of KIND as NDJSON (API form: contact data masked) to FILE or stdout.
)";

}  // namespace

int RunExportCommand(const CommandArgs& args, const CommandContext& ctx) {
  Result<ParsedFlags> flags =
      ParseFlags(args, {"--kind", "--data-dir", "--out"}, {"--help"});
  if (!flags.ok() || flags->Has("--help") || !flags->positional.empty()) {
    if (!flags.ok()) ctx.err << "export: " << flags.status() << "\n";
    (flags.ok() && flags->Has("--help") ? ctx.out : ctx.err) << kUsage;
    return flags.ok() && flags->Has("--help") ? 0 : 2;
  }
  Result<EntityKind> kind = ParseEntityKind(flags->Get("--kind"), "--kind");
  if (!kind.ok()) {
    ctx.err << "export: " << kind.status() << "\n" << kUsage;
    return 2;
  }
  Result<std::unique_ptr<App>> app =
      App::Open(flags->Get("--data-dir", "qiancheng-data"), ctx.reference_dir);
  if (!app.ok()) {
    ctx.err << "export: " << app.status() << "\n";
    return 1;
  }
  std::ofstream file;
  const std::string out_path = flags->Get("--out");
  if (!out_path.empty()) {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      ctx.err << "export: cannot write " << out_path << "\n";
      return 1;
    }
  }
  std::ostream& out = out_path.empty() ? ctx.out : file;
  store::ListOptions options;
  options.limit = 5000;
  int64_t count = 0;
  do {
    Result<store::Page> page = (*app)->store().List(*kind, options);
    if (!page.ok()) {
      ctx.err << "export: " << page.status() << "\n";
      return 1;
    }
    for (const Entity& e : page->items)
      out << EncodeEntityText(e, CodecMode::kApi) << '\n';
    count += static_cast<int64_t>(page->items.size());
    options.cursor = page->next_cursor;
  } while (!options.cursor.empty());
  out.flush();
  ctx.err << "exported " << count << " " << CollectionName(*kind) << "\n";
  return out ? 0 : 1;
}

}  // namespace qiancheng::api
