// 村里's ballot page uses one variant of RFC 9474: RSABSSA-SHA384-PSS-Randomized.
import { RSABSSA } from "@cloudflare/blindrsa-ts";
window.CunliBlindRSA = RSABSSA.SHA384.PSS.Randomized();
