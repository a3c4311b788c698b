-- Several unknown fields: the first in sorted order is named, whatever the hash order.
procurement_cut{rte = 1, rat = 0.05, xrate = 2, ratee = 3}
