#include "compute/prices.h"

#include "costbook/format.h"

namespace costbook::site {

ApiPrice price_in(const Price& p, const std::string& currency, double cny_per_usd) {
    if (currency == "cny") return p.cny ? *p.cny : convert_price(*p.usd, cny_per_usd);
    return p.usd ? *p.usd : convert_price(*p.cny, 1.0 / cny_per_usd);
}

std::optional<Yuan> yuan_of(const Data& d, const Price& p) {
    if (p.cny) return Yuan{*p.cny, true, nullptr};
    const MonthRate* m = p.from.size() >= 7 ? d.rate_for_month(p.from.substr(0, 7)) : nullptr;
    if (!p.usd || !m) return std::nullopt;
    return Yuan{convert_price(*p.usd, m->cny_per_usd), false, m};
}

std::string conversion_text(const MonthRate& m) {
    return "USD price × " + format_sig(m.cny_per_usd, 5) + " CNY per USD, the " + m.month + " average (" + m.cite.source + ")";
}

std::vector<TaskCell> task_table(const Data& d, const std::string& date) {
    std::vector<TaskCell> out;
    for (const Task& t : d.tasks)
        for (const std::string& id : d.task_prices) {
            const Price* p = d.price(id);
            if (!p || !p->usd || (!date.empty() && !p->in_effect(date))) continue;
            const TaskTokens tokens{t.input_tokens, p->reasoning ? t.reasoning_tokens : 0, t.output_tokens};
            TaskCell c{&t, p, tokens.billed_output(), task_cost(tokens, 0, *p->usd), task_cost(tokens, 1, *p->usd), {}, {}, false, false};
            if (const auto y = yuan_of(d, *p)) {
                c.cny_miss = task_cost(tokens, 0, y->cny);
                c.cny_hit = task_cost(tokens, 1, y->cny);
                c.cny_known = true;
                c.cny_published = y->published;
            }
            out.push_back(c);
        }
    return out;
}

}  // namespace costbook::site
