//! A folder dropped on the page: its files, walked through the browser's entries API
//! (`DataTransferItem.webkitGetAsEntry`, `FileSystemDirectoryReader.readEntries`), each named by
//! its path inside the folder, bounded like an archive.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::engine::read::archive::{MAX_ENTRIES, MAX_UNPACKED};
use crate::engine::read::sniff::MAX_INPUT_BYTES;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn call(v: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(v, method).dyn_into()?;
    let a: Array = args.iter().copied().collect();
    f.apply(v, &a)
}

/// The entries of a drop, taken synchronously (the browser empties the list after the event).
pub fn dropped_entries(dt: &web_sys::DataTransfer) -> Vec<JsValue> {
    let items = get(dt.as_ref(), "items");
    let n = get(&items, "length").as_f64().unwrap_or(0.0) as u32;
    (0..n)
        .filter_map(|i| Reflect::get_u32(&items, i).ok())
        .filter_map(|item| call(&item, "webkitGetAsEntry", &[]).ok())
        .filter(|e| !e.is_null() && !e.is_undefined())
        .collect()
}

pub fn is_directory(entry: &JsValue) -> bool {
    get(entry, "isDirectory").as_bool().unwrap_or(false)
}

/// A callback-style call (`readEntries(ok, err)`, `file(ok, err)`) as a future.
async fn callback(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let mut run = |resolve: Function, reject: Function| {
        let _ = call(target, method, &[&resolve, &reject]);
    };
    JsFuture::from(Promise::new(&mut run)).await
}

/// Every file under the entries: (path inside the dropped folder, bytes), and a note when some
/// were left out. `Err` says why nothing could be read.
pub async fn read_entries(entries: Vec<JsValue>) -> Result<(Vec<(String, Vec<u8>)>, Option<String>), String> {
    let mut stack = entries;
    let mut out = Vec::new();
    let mut total = 0u64;
    let mut left_out = 0usize;
    while let Some(entry) = stack.pop() {
        if is_directory(&entry) {
            let reader = call(&entry, "createReader", &[]).map_err(|_| "the browser cannot read this folder".to_string())?;
            // readEntries answers in batches until it answers an empty one.
            loop {
                let batch: Array = callback(&reader, "readEntries")
                    .await
                    .map_err(|_| "the browser refused to list the folder".to_string())?
                    .into();
                if batch.length() == 0 {
                    break;
                }
                stack.extend(batch.iter());
            }
            continue;
        }
        if out.len() >= MAX_ENTRIES {
            left_out += 1;
            continue;
        }
        let file: web_sys::File = callback(&entry, "file")
            .await
            .map_err(|_| "the browser refused to read a file".to_string())?
            .into();
        let size = file.size() as u64;
        if size > MAX_INPUT_BYTES as u64 || total + size > MAX_UNPACKED {
            left_out += 1;
            continue;
        }
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| "a file could not be read".to_string())?;
        total += size;
        let path = get(&entry, "fullPath").as_string().unwrap_or_else(|| file.name());
        out.push((path.trim_start_matches('/').to_string(), Uint8Array::new(&buffer).to_vec()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    let note = (left_out > 0).then(|| {
        format!(
            "{left_out} files were left out (more than {MAX_ENTRIES} files, or more than {} MiB)",
            MAX_UNPACKED / 1048576
        )
    });
    Ok((out, note))
}
