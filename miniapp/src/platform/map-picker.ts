import Taro from '@tarojs/taro';

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
    const place = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    return { name: place.name || place.address, lat: place.latitude, lng: place.longitude };
  },
};
