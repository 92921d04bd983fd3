# why: pads each sequence on the right with F.pad and stacks the rows
# %% pad_collate
import torch.nn.functional as F


def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    seqs, labels = zip(*batch)
    width = max(len(s) for s in seqs)
    padded = torch.stack([F.pad(s, (0, width - len(s)), value=0) for s in seqs])
    return padded, torch.LongTensor([len(s) for s in seqs]), torch.LongTensor(labels)
