import Taro from '@tarojs/taro';
import { THEME_PRIMARY } from '../styles/theme';

// Every 确定 of a confirm dialog in the theme colour (the platforms default to their own green or blue).
const showModal = Taro.showModal.bind(Taro);
Taro.showModal = ((options: Taro.showModal.Option) => showModal({ confirmColor: THEME_PRIMARY, ...options })) as typeof Taro.showModal;
