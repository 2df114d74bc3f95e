"""Invented report excerpts in the genre, annotated by hand as the gold guidelines say, for the evaluator's tests.

Every name, place and figure here is made up. Each excerpt is one report text and its gold annotation
(the JSON object a gold file holds). :func:`write_set` lays them out as an evaluation set folder,
``gold/NAME.json`` beside ``corpus/NAME.txt``, the way ``reportgraph evaluate SET`` reads one.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

QINGXI = """\
某某市某某区青溪街道办事处2024年上半年工作总结和下半年工作计划

信息来源：某某市某某区青溪街道办事处

一、上半年工作总结

上半年，青溪街道实现地区生产总值86.5亿元，同比增长6.1%。

（一）经济发展稳中向好。规上工业增加值增长7.2%，新增市场主体1260家，其中新增企业385家。引进星河智能科技有限公司、蓝海新材料股份有限公司等优质企业12家。启动“青苗计划”，服务中小企业230家次。

（二）城市建设扎实推进。柳岸社区城市更新项目完成拆迁签约，签约率达96%。完成滨河路、望江大道等5条道路提升改造，新建口袋公园3个。翠湖公园改造工程开工建设。

（三）民生保障持续加强。新增学位1800个。举办第三届青溪美食文化节，吸引游客5.6万人次。柳岸社区获评“全国民主法治示范社区”。

二、存在的主要问题

一是产业结构仍需优化，新兴产业规模偏小。二是公共服务供给不足，教育医疗资源紧张。

三、下半年工作计划

（一）抓经济。力争全年地区生产总值增长6%以上，固定资产投资增长8%。

（二）抓民生。推进柳岸社区健康服务中心建设，年内新增养老床位200张。
"""

QINGXI_GOLD: dict[str, Any] = {
    "doc": "qingxi-2024h1.txt",
    "entities": [
        {"type": "GovernmentBody", "names": ["青溪街道办事处", "某某市某某区青溪街道办事处", "青溪街道"]},
        {"type": "Community", "names": ["柳岸社区", "柳岸"]},
        {"type": "Company", "names": ["星河智能科技有限公司", "星河智能"]},
        {"type": "Company", "names": ["蓝海新材料股份有限公司", "蓝海新材料"]},
        {"type": "Program", "names": ["青苗计划"]},
        {"type": "Project", "names": ["柳岸社区城市更新项目", "柳岸社区城市更新"]},
        {"type": "Project", "names": ["翠湖公园改造工程", "翠湖公园改造"]},
        {"type": "Project", "names": ["柳岸社区健康服务中心建设", "柳岸社区健康服务中心"], "alt_types": ["Place"]},
        {"type": "Place", "names": ["滨河路"]},
        {"type": "Place", "names": ["望江大道"]},
        {"type": "Place", "names": ["翠湖公园"], "optional": True},
        {"type": "Event", "names": ["第三届青溪美食文化节", "青溪美食文化节"]},
        {"type": "Honor", "names": ["全国民主法治示范社区"]},
    ],
    "indicators": [
        {"kind": "achievement", "metric": "地区生产总值", "value": 86.5, "unit": "亿元", "area": "总体"},
        {"kind": "achievement", "metric": "地区生产总值", "value": 6.1, "unit": "%", "area": "总体"},
        {"kind": "achievement", "metric": "规上工业增加值", "value": 7.2, "unit": "%", "area": "经济发展"},
        {"kind": "achievement", "metric": "市场主体", "value": 1260, "unit": "家", "area": "经济发展"},
        {"kind": "achievement", "metric": "企业", "value": 385, "unit": "家", "area": "经济发展"},
        {"kind": "achievement", "metric": "优质企业", "value": 12, "unit": "家", "area": "经济发展"},
        {"kind": "achievement", "metric": "服务中小企业", "value": 230, "unit": "家次", "area": "经济发展"},
        {"kind": "achievement", "metric": "签约率", "value": 96, "unit": "%", "area": "城市建设"},
        {"kind": "achievement", "metric": "道路提升改造", "value": 5, "unit": "条", "area": "城市建设"},
        {"kind": "achievement", "metric": "口袋公园", "value": 3, "unit": "个", "area": "城市建设"},
        {"kind": "achievement", "metric": "学位", "value": 1800, "unit": "个", "area": "民生保障"},
        {"kind": "achievement", "metric": "游客", "value": 5.6, "unit": "万人次", "area": "民生保障"},
        {"kind": "target", "metric": "地区生产总值", "value": 6, "unit": "%", "area": "抓经济"},
        {"kind": "target", "metric": "固定资产投资", "value": 8, "unit": "%", "area": "抓经济"},
        {"kind": "target", "metric": "养老床位", "value": 200, "unit": "张", "area": "抓民生"},
    ],
    "areas": {"summary": ["经济发展", "城市建设", "民生保障"], "plan": ["抓经济", "抓民生"]},
    "problems": ["产业结构仍需优化", "公共服务供给不足"],
}

SHIMEN = """\
某某县石门镇人民政府2023年工作报告

信息来源：某某县石门镇人民政府

一、2023年工作回顾

2023年，全镇实现农业总产值12.8亿元，增长4.5%。

（一）乡村振兴全面推进。实施“美丽庭院”创建行动，完成东坪村、南岭村人居环境整治。石门茶叶专业合作社带动农户增收，茶园面积达到3.2万亩。

（二）项目建设提速增效。石门镇污水处理厂扩建项目建成投用，日处理能力提升至2万吨。引进绿源农业发展有限公司，总投资1.5亿元。

（三）社会事业协调发展。新建村级养老服务站6个。举办石门镇首届农民丰收节。石门镇卫生院获评“省级群众满意乡镇卫生院”。

二、存在的困难和问题

一是财政收支矛盾突出。二是基础设施仍有短板。

三、2024年工作安排

（一）抓产业。力争农业总产值增长5%，新增家庭农场20家。

（二）抓建设。推进石门大桥改造工程，完成农村公路提升30公里。
"""

SHIMEN_GOLD: dict[str, Any] = {
    "doc": "shimen-2023.txt",
    "entities": [
        {"type": "GovernmentBody", "names": ["石门镇人民政府", "某某县石门镇人民政府", "石门镇"]},
        {"type": "Community", "names": ["东坪村", "东坪"]},
        {"type": "Community", "names": ["南岭村", "南岭"]},
        {"type": "Company", "names": ["绿源农业发展有限公司", "绿源农业"]},
        {"type": "Company", "names": ["石门茶叶专业合作社"]},
        {"type": "Program", "names": ["美丽庭院创建行动", "美丽庭院"]},
        {"type": "Project", "names": ["石门镇污水处理厂扩建项目", "石门镇污水处理厂扩建"]},
        {"type": "Project", "names": ["石门大桥改造工程", "石门大桥改造"]},
        {"type": "Place", "names": ["石门大桥"], "optional": True},
        {"type": "Place", "names": ["石门镇卫生院"], "alt_types": ["GovernmentBody"]},
        {"type": "Event", "names": ["石门镇首届农民丰收节", "农民丰收节"]},
        {"type": "Honor", "names": ["省级群众满意乡镇卫生院"]},
    ],
    "indicators": [
        {"kind": "achievement", "metric": "农业总产值", "value": 12.8, "unit": "亿元", "area": "总体"},
        {"kind": "achievement", "metric": "农业总产值", "value": 4.5, "unit": "%", "area": "总体"},
        {"kind": "achievement", "metric": "茶园面积", "value": 3.2, "unit": "万亩", "area": "乡村振兴"},
        {"kind": "achievement", "metric": "日处理能力", "value": 2, "unit": "万吨", "area": "项目建设"},
        {"kind": "achievement", "metric": "总投资", "value": 1.5, "unit": "亿元", "area": "项目建设"},
        {"kind": "achievement", "metric": "村级养老服务站", "value": 6, "unit": "个", "area": "社会事业"},
        {"kind": "target", "metric": "农业总产值", "value": 5, "unit": "%", "area": "抓产业"},
        {"kind": "target", "metric": "家庭农场", "value": 20, "unit": "家", "area": "抓产业"},
        {"kind": "target", "metric": "农村公路提升", "value": 30, "unit": "公里", "area": "抓建设"},
    ],
    "areas": {"summary": ["乡村振兴", "项目建设", "社会事业"], "plan": ["抓产业", "抓建设"]},
    "problems": ["财政收支矛盾突出", "基础设施仍有短板"],
}

YUNHE = """\
某某市云河区人民政府工作报告

——2025年1月10日在云河区第三届人民代表大会第五次会议上

一、2024年工作回顾

过去一年，全区地区生产总值完成512.3亿元，增长5.8%；一般公共预算收入38.6亿元，增长4.2%。

（一）产业动能持续增强。新增国家级高新技术企业46家。云河精工集团有限公司入选“中国制造业民营企业500强”，瑞丰电子科技有限公司、恒远物流股份有限公司实现营收双增长。成功举办2024云河数字经济大会，签约项目28个，总金额156亿元。

（二）城乡面貌明显改善。云河高铁站综合枢纽项目主体完工，北湖湿地公园生态修复工程加快推进。改造老旧小区42个，惠及居民1.3万户。金沙社区、白塔村入选省级美丽宜居示范村居。

（三）民生福祉不断增进。城镇新增就业1.2万人。实施“暖心食堂”工程，新建社区食堂15家。区人民医院新院区投入使用，新增床位600张。

二、存在的问题

一是经济增长新动能不足。二是城市精细化管理水平有待提升。

三、2025年主要目标和重点任务

全区地区生产总值增长5.5%左右，一般公共预算收入增长4%。

（一）聚力产业升级。力争新增规上工业企业30家，数字经济核心产业增加值增长10%以上。

（二）提升城市品质。推进云河高铁站综合枢纽项目建成运营，新建改建城市道路25公里。
"""

YUNHE_GOLD: dict[str, Any] = {
    "doc": "yunhe-2025.txt",
    "entities": [
        {"type": "GovernmentBody", "names": ["云河区人民政府", "某某市云河区人民政府", "云河区政府"]},
        {"type": "GovernmentBody", "names": ["云河区第三届人民代表大会", "云河区人民代表大会"], "optional": True},
        {"type": "Event", "names": ["云河区第三届人民代表大会第五次会议"], "optional": True,
         "alt_types": ["GovernmentBody"]},
        {"type": "Company", "names": ["云河精工集团有限公司", "云河精工"]},
        {"type": "Company", "names": ["瑞丰电子科技有限公司", "瑞丰电子"]},
        {"type": "Company", "names": ["恒远物流股份有限公司", "恒远物流"]},
        {"type": "Honor", "names": ["中国制造业民营企业500强"]},
        {"type": "Honor", "names": ["省级美丽宜居示范村居"]},
        {"type": "Event", "names": ["2024云河数字经济大会", "云河数字经济大会"]},
        {"type": "Project", "names": ["云河高铁站综合枢纽项目", "云河高铁站综合枢纽"]},
        {"type": "Project", "names": ["北湖湿地公园生态修复工程", "北湖湿地公园生态修复"]},
        {"type": "Place", "names": ["北湖湿地公园"], "optional": True},
        {"type": "Place", "names": ["云河高铁站"], "optional": True},
        {"type": "Community", "names": ["金沙社区", "金沙"]},
        {"type": "Community", "names": ["白塔村", "白塔"]},
        {"type": "Program", "names": ["暖心食堂工程", "暖心食堂"]},
        {"type": "Place", "names": ["区人民医院新院区", "区人民医院"], "alt_types": ["GovernmentBody", "Project"]},
    ],
    "indicators": [
        {"kind": "achievement", "metric": "地区生产总值", "value": 512.3, "unit": "亿元", "area": "总体"},
        {"kind": "achievement", "metric": "地区生产总值", "value": 5.8, "unit": "%", "area": "总体"},
        {"kind": "achievement", "metric": "一般公共预算收入", "value": 38.6, "unit": "亿元", "area": "总体"},
        {"kind": "achievement", "metric": "一般公共预算收入", "value": 4.2, "unit": "%", "area": "总体"},
        {"kind": "achievement", "metric": "国家级高新技术企业", "value": 46, "unit": "家", "area": "产业动能"},
        {"kind": "achievement", "metric": "签约项目", "value": 28, "unit": "个", "area": "产业动能"},
        {"kind": "achievement", "metric": "签约总金额", "value": 156, "unit": "亿元", "area": "产业动能"},
        {"kind": "achievement", "metric": "改造老旧小区", "value": 42, "unit": "个", "area": "城乡面貌"},
        {"kind": "achievement", "metric": "惠及居民", "value": 1.3, "unit": "万户", "area": "城乡面貌"},
        {"kind": "achievement", "metric": "城镇新增就业", "value": 1.2, "unit": "万人", "area": "民生福祉"},
        {"kind": "achievement", "metric": "社区食堂", "value": 15, "unit": "家", "area": "民生福祉"},
        {"kind": "achievement", "metric": "床位", "value": 600, "unit": "张", "area": "民生福祉"},
        {"kind": "target", "metric": "地区生产总值", "value": 5.5, "unit": "%", "area": "总体"},
        {"kind": "target", "metric": "一般公共预算收入", "value": 4, "unit": "%", "area": "总体"},
        {"kind": "target", "metric": "规上工业企业", "value": 30, "unit": "家", "area": "产业升级"},
        {"kind": "target", "metric": "数字经济核心产业增加值", "value": 10, "unit": "%", "area": "产业升级"},
        {"kind": "target", "metric": "城市道路", "value": 25, "unit": "公里", "area": "城市品质"},
    ],
    "areas": {"summary": ["产业动能", "城乡面貌", "民生福祉"], "plan": ["产业升级", "城市品质"]},
    "problems": ["经济增长新动能不足", "城市精细化管理水平有待提升"],
}

#: name -> (report text, gold annotation)
EXCERPTS: dict[str, tuple[str, dict[str, Any]]] = {
    "qingxi-2024h1": (QINGXI, QINGXI_GOLD),
    "shimen-2023": (SHIMEN, SHIMEN_GOLD),
    "yunhe-2025": (YUNHE, YUNHE_GOLD),
}


def write_set(folder: Path, excerpts: dict[str, tuple[str, dict[str, Any]]] = EXCERPTS) -> Path:
    """Lay the excerpts out as an evaluation set: ``gold/NAME.json`` and ``corpus/NAME.txt``."""
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    for name, (text, gold) in excerpts.items():
        (folder / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder
