// site: `costbook help [TOPIC]` — a reference printed from the code's own registries, so it cannot drift
// Index: [SECTION] Topics
//
// Each topic prints a registry that lives next to what it describes: figure keys (compute/figures.h
// kFigureKeys), data files (load/data.h kDataSchema), calculator tabs (core's kTabs with
// compute/scenario.h tab_needs). A topic is one row of kHelpTopics; add a row and its print function
// to add one. With a site (--site, default the current folder), examples come from its own data.
#pragma once
#include <string>

namespace costbook::site {

// ---- [SECTION] Topics ----
struct HelpOptions {
    std::string site = ".";      // examples from this site's data, when it has a data/ that loads
};
struct HelpTopic {
    const char* name;            // "figures": what `costbook help figures` names
    const char* summary;         // one line, for the topic list
    int (*print)(const HelpOptions&);   // prints the topic on stdout; returns an exit code
};
extern const HelpTopic kHelpTopics[];   // ends with {nullptr, nullptr, nullptr}

int help_figures(const HelpOptions& o);  // every figure key, its meaning and an example
int help_data(const HelpOptions& o);     // every data file and table, its keys, required ones and units
int help_tabs(const HelpOptions& o);     // the calculator's tabs: id, title, headline, what data each needs

// No topic: the list of topics. An unknown one: an error naming the topics, exit 2.
int cmd_help(const std::string& topic, const HelpOptions& o);

}  // namespace costbook::site
