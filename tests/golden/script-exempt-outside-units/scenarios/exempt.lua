-- A freeze of DIV2 that means to spare AFD1, which lies in DIV1: the exemption does
-- nothing, and the run says so at the line of the call (a warning: it still runs, and
-- verify's re-run does not say it again). An exemption inside the units (DIV1 less AFD1)
-- or above them (LUMC) is what it says, even if it leaves nothing: no warning.
scenario{name = "exempt"}
hiring_freeze{units = "DIV2", exempt = {"AFD1"}, from = "2022-01", to = "2022-12",
              attrition = 0.12}
procurement_cut{units = "DIV1", exempt = "AFD1", rate = 0.05}
procurement_cut{units = {"DIV1", "DIV2"}, exempt = {"LUMC", "DIV2"}, rate = 0.05}
procurement_cut{units = "AFD1", exempt = {"DIV2"}, rate = 0.05}
