# why: resets the gradients by assigning torch.zeros_like(w), which follows w's shape, dtype and device
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad = torch.zeros_like(w)
    b.grad = torch.zeros_like(b)
    return loss.item()
