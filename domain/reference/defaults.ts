import type { ReferenceData, ReferenceName, ReferenceSet } from './reference-data';

const EXEMPT = ['admission', 'talent'];

/**
 * The tables shipped with casework, published at first start; an administrator publishes newer versions
 * (PUT /admin/reference/{name}). Figures are illustrative defaults: each city publishes its own (local).
 */
export const referenceDefaults: { [N in ReferenceName]: { data: ReferenceData<N>; source: string } } = {
  'hukou-admission': {
    source: '2023 measures; city scale 国发〔2014〕51号 ("以上" includes the figure); points tables illustrative (local)',
    data: {
      openBelow: 3_000_000,
      pointsFrom: 5_000_000,
      relaxedMinYears: 1,
      relaxedExemptCategories: EXEMPT,
      defaultPointsTable: { passMark: 60, perSocialInsuranceYear: 4, perResidenceYear: 2, maxCountedYears: 20, exemptCategories: EXEMPT },
      pointsTables: {
        '110000': { passMark: 100, perSocialInsuranceYear: 4, perResidenceYear: 2, maxCountedYears: 25, exemptCategories: EXEMPT }, // Beijing
        '310000': { passMark: 120, perSocialInsuranceYear: 5, perResidenceYear: 2, maxCountedYears: 25, exemptCategories: EXEMPT }, // Shanghai
        '440100': { passMark: 80, perSocialInsuranceYear: 4, perResidenceYear: 2, maxCountedYears: 20, exemptCategories: EXEMPT }, // Guangzhou
        '440300': { passMark: 80, perSocialInsuranceYear: 5, perResidenceYear: 1, maxCountedYears: 20, exemptCategories: EXEMPT }, // Shenzhen
      },
    },
  },
  'city-populations': {
    source: 'urban population (城区人口), approximate figures of the 2020 census; publish the official table before production use (inferred)',
    data: {
      '110000': { name: '北京', urbanPopulation: 18_750_000 },
      '120000': { name: '天津', urbanPopulation: 11_740_000 },
      '310000': { name: '上海', urbanPopulation: 19_870_000 },
      '500000': { name: '重庆', urbanPopulation: 16_340_000 },
      '320100': { name: '南京', urbanPopulation: 7_910_000 },
      '320500': { name: '苏州', urbanPopulation: 4_960_000 },
      '330100': { name: '杭州', urbanPopulation: 8_740_000 },
      '340100': { name: '合肥', urbanPopulation: 4_880_000 },
      '420100': { name: '武汉', urbanPopulation: 9_950_000 },
      '440100': { name: '广州', urbanPopulation: 13_940_000 },
      '440300': { name: '深圳', urbanPopulation: 17_440_000 },
      '440400': { name: '珠海', urbanPopulation: 1_950_000 },
      '440600': { name: '佛山', urbanPopulation: 8_540_000 },
      '441300': { name: '惠州', urbanPopulation: 2_200_000 },
      '441900': { name: '东莞', urbanPopulation: 9_550_000 },
      '442000': { name: '中山', urbanPopulation: 3_410_000 },
      '510100': { name: '成都', urbanPopulation: 13_060_000 },
    },
  },
  'metro-areas': {
    source: 'metropolitan groups of the 2023 measures (inferred membership)',
    data: {
      'jing-jin-ji': ['110000', '120000', '130100', '130600', '131000'],
      'yangtze-river-delta': ['310000', '320100', '320500', '320200', '330100', '330200', '330400', '340100'],
      'pearl-river-delta': ['440100', '440300', '440400', '440600', '441300', '441900', '442000'],
      'chengdu-chongqing': ['500000', '510100'],
    },
  },
  'photo-reuse': {
    source: 'MPS photo standards: ID card 36 months, exit-entry 12, driving licence 6 (docs/domain.md §7.8)',
    data: { 'id-card': 36, 'exit-entry': 12, 'driving-licence': 6 },
  },
  offices: {
    source: "offices of the examples and tests, by GB/T 2260 division code; publish the province's directory before production use (inferred)",
    data: {
      '110000': { name: '北京市公安局', kind: 'city-bureau', province: '11' },
      '110101': { name: '北京市公安局东城分局', kind: 'county-bureau', parent: '110000', province: '11' },
      '110105': { name: '北京首都机场口岸签证处', kind: 'port', parent: '110000', province: '11', ports: ['Beijing Capital Airport'] },
      '310000': { name: '上海市公安局', kind: 'city-bureau', province: '31' },
      '310101': { name: '上海市公安局黄浦分局', kind: 'county-bureau', parent: '310000', province: '31' },
      '310104': { name: '上海市公安局徐汇分局', kind: 'county-bureau', parent: '310000', province: '31' },
      '310115': { name: '上海浦东机场口岸签证处', kind: 'port', parent: '310000', province: '31', ports: ['Shanghai Pudong Airport'] },
      '420100': { name: '武汉市公安局', kind: 'city-bureau', province: '42' },
      '420102': { name: '武汉市公安局江岸区分局', kind: 'county-bureau', parent: '420100', province: '42' },
      '440000': { name: '广东省公安厅', kind: 'province-department', province: '44' },
      '440100': { name: '广州市公安局', kind: 'city-bureau', parent: '440000', province: '44' },
      '440104': { name: '广州市公安局越秀区分局', kind: 'county-bureau', parent: '440100', province: '44' },
      '440105': { name: '广州市公安局海珠区分局', kind: 'county-bureau', parent: '440100', province: '44' },
      // Registered under Tianhe's code, it is also the port visa office of Baiyun airport in these examples.
      '440106': { name: '广州市公安局天河区分局', kind: 'county-bureau', parent: '440100', province: '44', ports: ['Guangzhou Baiyun Airport'] },
      '440300': { name: '深圳市公安局', kind: 'city-bureau', parent: '440000', province: '44' },
      '440303': { name: '深圳罗湖口岸签证处', kind: 'port', parent: '440300', province: '44', ports: ['Shenzhen Luohu'] },
      '440304': { name: '深圳皇岗口岸签证处', kind: 'port', parent: '440300', province: '44', ports: ['Shenzhen Huanggang', 'Shenzhen Futian'] },
      '440305': { name: '深圳湾口岸签证处', kind: 'port', parent: '440300', province: '44', ports: ['Shenzhen Bay', 'Shekou'] },
      '650100': { name: '乌鲁木齐市公安局', kind: 'city-bureau', province: '65' },
      '650102': { name: '乌鲁木齐市公安局天山区分局', kind: 'county-bureau', parent: '650100', province: '65' },
    },
  },
  'office-policies': {
    // No office has published a commitment of its own yet: the statutory and inferred limits apply everywhere.
    source: 'none published: the limits of docs/domain.md apply (local commitments are published per office)',
    data: {},
  },
};

/** Every shipped table under the version name `default`: for tests and tools (cases get published versions). */
export const defaultReferenceSet = (): ReferenceSet =>
  Object.fromEntries(Object.entries(referenceDefaults).map(([name, { data }]) => [name, { version: 'default', data }]));
