#include "compute/prices.h"

namespace costbook::site {

ApiPrice price_in(const Price& p, const std::string& currency, double cny_per_usd) {
    if (currency == "cny") return p.cny ? *p.cny : convert_price(*p.usd, cny_per_usd);
    return p.usd ? *p.usd : convert_price(*p.cny, 1.0 / cny_per_usd);
}

std::vector<TaskCell> task_table(const Data& d, double cny_per_usd) {
    std::vector<TaskCell> out;
    for (const Task& t : d.tasks)
        for (const std::string& id : d.task_prices) {
            const Price* p = d.price(id);
            const TaskTokens tokens{t.input_tokens, p->reasoning ? t.reasoning_tokens : 0, t.output_tokens};
            const ApiPrice usd = price_in(*p, "usd", cny_per_usd), cny = price_in(*p, "cny", cny_per_usd);
            out.push_back({&t, p, tokens.billed_output(), task_cost(tokens, 0, usd), task_cost(tokens, 1, usd),
                           task_cost(tokens, 0, cny), task_cost(tokens, 1, cny)});
        }
    return out;
}

}  // namespace costbook::site
