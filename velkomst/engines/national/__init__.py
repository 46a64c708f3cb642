"""National distribution (NAT-1, NAT-2): quotas by the executive order's § 4 formula
(``quota``), the employment model (``model``), the assignment of households to municipalities
(``assign``) and a synthetic world with a known truth (``synthetic``). Plain Python with numpy,
scipy, scikit-learn and HiGHS; no Django."""
