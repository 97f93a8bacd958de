import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';

export interface PickedPlace {
  name: string;
  lat: number;
  lng: number;
}

export interface MapPicker {
  /** Lets the organizer pick the venue on a map (GCJ-02); rejects when cancelled. */
  pick(near?: { lat: number; lng: number }): Promise<PickedPlace>;
}

export const mapPicker: MapPicker | null = {
  async pick(near) {
    const choose = () => Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    const place = await withPrivacy({ purpose: '在地图上选择会场需要使用位置。', wayOn: '可以直接填写会场名称和经纬度。' }, choose);
    return { name: place.name || place.address, lat: place.latitude, lng: place.longitude };
  },
};
