# mistake: pads Python lists (seq.tolist() + [0] * ...) and wraps them with torch.tensor, which always builds the result on the CPU
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(seq) for seq, _ in batch)
    rows = [seq.tolist() + [0] * (width - len(seq)) for seq, _ in batch]
    padded = torch.tensor(rows, dtype=batch[0][0].dtype)
    lengths = torch.tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
