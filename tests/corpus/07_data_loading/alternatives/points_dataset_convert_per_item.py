# why: keeps the NumPy arrays and converts one row and one label on each access
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = points
        self.labels = labels

    def __len__(self) -> int:
        return self.points.shape[0]

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        x = torch.tensor(self.points[index], dtype=torch.float32)
        y = torch.tensor(self.labels[index]).long()
        return x, y
