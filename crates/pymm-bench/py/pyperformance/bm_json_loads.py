"""json.loads of documents of several shapes (pyperformance bm_json_loads)."""
import json
import random
import sys

DICT = {
    'ads_flags': 0,
    'age': 18,
    'bulletin_count': 0,
    'comment_count': 0,
    'country': 'BR',
    'encrypted_id': 'G9urXXAJwjE',
    'favorite_artists': ["Nirvana", "Foo Fighters"],
    'first_name': '',
    'flags': 412317970704,
    'friend_count': 0,
    'gender': 'm',
    'gender_for_display': 'Male',
    'id': 302935349,
    'is_custom_profile_icon': 0,
    'last_name': '',
    'locale_preference': 'pt_BR',
    'member': 0,
    'tags': ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    'profile_foo_id': 827119638,
    'secure_encrypted_id': 'Z_xxx2dYx3t4YAdnmfgyKw',
    'session_number': 2,
    'signup_id': '201-19225-223',
    'status': 'A',
    'theme': 1,
    'time_created': 1225237014,
    'time_updated': 1233134493,
    'unread_message_count': 0,
    'user_group': '0',
    'username': 'collinwinter',
    'play_count': 9,
    'view_count': 7,
    'zip': '',
}

TUPLE = (
    [265867233, 265868503, 265252341, 265243910, 265879514, 266219766, 266021701, 265843726,
     265592821, 265246784, 265853180, 45526486, 265463699, 265848143, 265863062, 265392591,
     265877490, 265823665, 265828884, 265753032], 60)


def mutate_dict(orig_dict, random_source):
    new_dict = dict(orig_dict)
    for key, value in new_dict.items():
        rand_val = random_source.random() * 100
        if isinstance(value, int):
            new_dict[key] = int(rand_val)
        elif isinstance(value, str):
            new_dict[key] = str(rand_val)
        elif isinstance(value, list):
            new_dict[key] = [str(rand_val) for _ in value]
    return new_dict


random_source = random.Random(5)
DICT_GROUP = [mutate_dict(DICT, random_source) for _ in range(3)]


def main(loops):
    objs = [json.dumps(DICT), json.dumps(TUPLE), json.dumps(DICT_GROUP)]
    total = 0
    for _ in range(loops):
        for obj in objs:
            for _ in range(20):
                total += len(json.loads(obj))
    print("items:", total)
    print(json.loads(objs[2])[1]["age"], json.loads(objs[1])[0][:3])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
